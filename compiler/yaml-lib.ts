/**
 * The `yaml` package, loaded on first use. The compiler needs it only for source positions (a
 * document with a problem, or one js-yaml cannot load); importing it eagerly cost ~70 ms of
 * every `meshc validate`/`compile --target runtime`/`diff` start-up (and of each diff worker).
 */
import { createRequire } from 'node:module';

type YamlLib = typeof import('yaml');
let lib: YamlLib | undefined;

/** The `yaml` module (its Node.js entry point, the one `import 'yaml'` resolves to). */
export function yamlLib(): YamlLib {
  return (lib ??= createRequire(import.meta.url)('yaml') as YamlLib);
}
