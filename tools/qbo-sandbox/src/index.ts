// The sandbox server is built in src/ (see README.md).
export {};
