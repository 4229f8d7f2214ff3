// The bench scripts' `--name value` options (each script is its own entry point; this is the one
// reader they share). `arg` gives the text, `numArg` the number; `dflt` when the option is absent.
export const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};

export const numArg = (name, dflt) => {
  const v = arg(name, undefined);
  return v === undefined ? dflt : Number(v);
};
