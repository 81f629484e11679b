// protobufjs looks for optional Node modules (buffer, long) with `eval("require")`. The renderer's
// Content-Security-Policy forbids eval, so the bundle gets this stand-in: nothing optional is found,
// and protobufjs uses its plain-JavaScript paths (numbers for int64, Uint8Array for bytes).
module.exports = function inquire() {
  return null;
};
