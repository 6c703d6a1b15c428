// This package has no code yet: it is built by a later issue (see README.md).
export {};
