// Import boundaries of the monorepo (ARCHITECTURE.md, "Packages and what each may import").
// Checked by `npm run boundaries`, part of `npm test`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'Domain source imports nothing but neverthrow and its own files: no node:*, no I/O library.',
      severity: 'error',
      from: { path: '^packages/domain/src/', pathNot: ['^packages/domain/src/testing/', '\\.test\\.ts$'] },
      to: { pathNot: ['^packages/domain/src/', 'node_modules/neverthrow/'] },
    },
    {
      name: 'domain-testing-kit',
      comment: 'The ./testing export may add fast-check (an optional peer) and nothing else.',
      severity: 'error',
      from: { path: '^packages/domain/src/testing/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^packages/domain/src/', 'node_modules/neverthrow/', 'node_modules/fast-check/'] },
    },
    {
      name: 'domain-core-not-to-testing',
      comment: 'Production domain code never depends on the testing kit (the journey fixtures live in the kit).',
      severity: 'error',
      from: {
        path: '^packages/domain/src/',
        pathNot: ['^packages/domain/src/testing/', '\\.test\\.ts$'],
      },
      to: { path: '^packages/domain/src/testing/' },
    },
    {
      name: 'adapter-technologies-apart',
      comment: "One adapter technology folder never imports another's.",
      severity: 'error',
      from: { path: '^packages/adapters/src/([^/]+)/' },
      to: { path: '^packages/adapters/src/([^/]+)/', pathNot: '^packages/adapters/src/$1/' },
    },
    {
      name: 'tsyringe-only-in-apps',
      comment: 'Dependency injection lives in the two apps only.',
      severity: 'error',
      from: { pathNot: '^packages/app-(http|worker)/' },
      to: { path: 'node_modules/(tsyringe|reflect-metadata)/' },
    },
    {
      name: 'packages-never-import-tools',
      comment:
        "tools/ (the sandboxes, benches, demos) are never imported by the product packages' source. Tests only may start one in-process (declared as a devDependency): the adapters are tested against the sandboxes over real HTTP.",
      severity: 'error',
      from: { path: '^packages/', pathNot: ['\\.test\\.ts$', '/test-support/', '^packages/adapters/test/'] },
      to: { path: '^tools/' },
    },
    {
      name: 'sandbox-independent-of-product',
      comment:
        "The sandbox checks the product by implementing QBO on its own: its source never imports the product's packages (its tests may, to cross-check).",
      severity: 'error',
      from: { path: '^tools/qbo-sandbox/src/' },
      to: { path: '^packages/' },
    },
    {
      name: 'billing-sandbox-independent-of-product',
      comment:
        "The billing sandbox writes Ogustine's documents on its own, so the module is checked against the format, not against itself: its source never imports the product's packages (its tests may, to cross-check).",
      severity: 'error',
      from: { path: '^tools/billing-sandbox/src/' },
      to: { path: '^packages/' },
    },
    {
      name: 'no-undeclared-dependency',
      comment: 'npm workspaces hoist node_modules: importing a package not in package.json would work by accident.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['unknown', 'undetermined', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@ogustine-qbo/source', 'import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.d.ts'],
    },
  },
};
