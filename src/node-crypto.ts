// node:crypto, loaded on its first use (process.getBuiltinModule, Node >= 20.16) rather than with the call
// pipeline: only writes and questions sign, hash or draw nonces, and loading it would cost every session's
// first call, a read most often, about 5 ms.
export const nodeCrypto = () => process.getBuiltinModule("node:crypto");
