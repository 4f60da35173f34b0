// The extension's runtime libraries stay outside the bundle and load from node_modules: pdfkit reads
// its font metrics from files beside its own code, and the others gain nothing from being bundled.
import pkg from './package.json' with { type: 'json' };

const external = Object.keys(pkg.dependencies);

export default {
  plugins: [
    {
      name: 'keep-dependencies-external',
      resolveId(source) {
        return external.some((dep) => source === dep || source.startsWith(`${dep}/`))
          ? { id: source, external: true }
          : null;
      },
    },
  ],
};
