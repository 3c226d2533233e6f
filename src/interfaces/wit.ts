/**
 * Every vendored WIT text, gathered from the folders that own them: the shared ones (common/wit.ts) and each
 * interface's own (its `wit`), whose `package.wit` files are in that folder's wit/. From them: which text of a
 * family a target's host serves, and so which texts a project vendors.
 *
 * With WASI 0.3, a family whose interface declares no `p3` text keeps its 0.2 text, called from async code:
 * keyvalue, blobstore, config, logging and postgres are calls that answer at once under the host, and 0.2 is
 * what every wasmCloud 2 host serves by name (the async wasmcloud:keyvalue, blobstore and postgres are host plugins).
 */
import type { Target } from '../versions.js';
import type { WitFamily, WitPackage, WitText } from '../wit.js';
import { BASE_TEXTS, SHARED_FAMILIES } from './common/wit.js';
import { CATALOG, INTERFACE_IDS } from './index.js';

/** `wasi:blobstore@0.2.0-draft+io-0.2.1` → `wasi-blobstore-0.2.0-draft+io-0.2.1`, its folder in its owner's wit/. */
const folderOf = (key: string): string => key.replace(/[:@]/g, '-');

function vendored(owner: string, text: WitText): WitPackage {
  return { ...text, path: `src/interfaces/${owner}/wit/${folderOf(text.key)}`, dir: folderOf(text.id) };
}

const OWNED: Array<[owner: string, families: Record<string, WitFamily>]> = [
  ['common', SHARED_FAMILIES],
  ...INTERFACE_IDS.map((id): [string, Record<string, WitFamily>] => [id, CATALOG[id].wit ?? {}]),
];

/** Every family, by name (`wasi:keyvalue`). */
export const WIT_FAMILIES: Readonly<Record<string, WitFamily>> = Object.fromEntries(OWNED.flatMap(([, families]) => Object.entries(families)));

/** The folder that declares each family (`wasi:keyvalue` → `keyvalue`, shared ones → `common`). */
export const FAMILY_OWNERS: Readonly<Record<string, string>> = Object.fromEntries(
  OWNED.flatMap(([owner, families]) => Object.keys(families).map((family) => [family, owner])),
);

/** Every text, by key, the shared base packages first. */
export const WIT_PACKAGES: Readonly<Record<string, WitPackage>> = Object.fromEntries(
  [
    ...BASE_TEXTS.map((text) => vendored('common', text)),
    ...OWNED.flatMap(([owner, families]) => Object.values(families).flatMap((family) => family.texts.map((text) => vendored(owner, text)))),
  ].map((pkg) => [pkg.key, pkg]),
);

/** The key of the text of `family` a target's host serves; a family no folder declares, or a host that does not serve it, is a bug. */
export function servedText(target: Target, family: string): string {
  const serves = WIT_FAMILIES[family]?.serves;
  const key = (target.wasi === '0.3' ? serves?.p3 : undefined) ?? serves?.[target.wasmcloud];
  if (!key) throw new Error(`no WIT package for ${family} on wasmCloud ${target.wasmcloud}, WASI ${target.wasi}`);
  return key;
}
