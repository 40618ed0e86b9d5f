/**
 * Name normalisation shared by both sides of the match: CVE products/vendors/packageNames and
 * Nixpkgs attribute paths/pnames are reduced to the same keys.
 */

/** "Apache HTTP_Server" → "apache-http-server": lower case, every run of separators one "-". */
export function nameKey(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/\\(.)/g, '$1') // CPE escapes ("node\.js")
    .replace(/[\s_.\-:/,()[\]"'!]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** "libjpeg-turbo" and "libjpeg_turbo" and "LibJPEG Turbo" → "libjpegturbo". */
export function squashKey(raw: string): string {
  return nameKey(raw).replace(/-/g, '');
}

const PLACEHOLDER_NAMES = new Set(['', 'n-a', 'na', 'unknown', 'none', 'unspecified', 'not-applicable', 'various', 'multiple', '*', '-']);

/** "n/a", "[UNKNOWN]", "unspecified" and friends say nothing about what is affected. */
export function isPlaceholderName(raw: string | null | undefined): boolean {
  return raw == null || PLACEHOLDER_NAMES.has(nameKey(raw));
}

/**
 * Where a Nixpkgs attribute lives. `native` packages are programs and libraries in their own right
 * (top level, xorg.*, kdePackages.*, linuxKernel.kernels.*, llvmPackages_N.*…); everything else is a
 * member of a language or plugin set (python313Packages.*, rPackages.*, emacsPackages.*…) or a kernel
 * module built per kernel (linuxKernel.packages.linux_6_1.*), named after the set family.
 */
export function ecosystemOfAttr(attr: string): string {
  const parts = attr.split('.');
  if (parts.length === 1) return 'native';
  const head = parts[0];
  if (head === 'linuxKernel') return parts[1] === 'kernels' ? 'native' : 'linux-module';
  if (/^linuxPackages/.test(head)) return 'linux-module';
  if (NATIVE_SETS.test(head)) return 'native';
  return setFamily(head);
}

const NATIVE_SETS =
  /^(xorg|kdePackages|libsForQt5|plasma5Packages|qt[56]|gnome|pantheon|xfce|mate|lomiri|cinnamon|lxqt|deepin|enlightenment|darwin|llvmPackages.*|gccNGPackages.*|cudaPackages.*|rocmPackages.*|gst_all_1|gnuradioPackages|swiftPackages|apple-sdk.*|windows|pkgsStatic|pkgsMusl|pkgsCross|pkgsi686Linux|pkgsLLVM)$/;

/** "python313Packages" → "python", "rubyPackages_3_4" → "ruby", "php83Extensions" → "php", "chickenPackages_5" → "chicken". */
export function setFamily(setName: string): string {
  const family = setName
    .replace(/^"|"$/g, '')
    .replace(/(Packages|Extensions|Plugins|-pkgs|\.pkgs)(_\w+)?$/, '')
    .replace(/[-_]?[\d._]+$/, '')
    .toLowerCase();
  if (/^haskell/.test(family)) return 'haskell';
  return family === 'luajit' ? 'lua' : family || setName;
}

/** Package sets of a programming language: their members are libraries that CVEs name by registry. */
export const LANGUAGE_ECOSYSTEMS = new Set([
  'python', 'perl', 'ruby', 'lua', 'php', 'ocaml', 'node', 'r', 'haskell', 'emacs', 'coq', 'rocq', 'idris', 'agda', 'elm',
  'chicken', 'sbcl', 'octave', 'akku', 'beam', 'julia', 'texlive', 'typst',
]);

// Language sets name their members "<interpreter><version>-<name>": python3.13-requests, perl5.40.0-DBI.
const LANGUAGE_PNAME_PREFIX = /^(python\d*(\.\d+)*|perl\d*(\.\d+)*|ocaml\d*(\.\d+)*|lua\d*(\.\d+)*|luajit(-\d+(\.\d+)*)?|ruby\d*(\.\d+)*|php\d*(\.\d+)*|ghc\d*(\.\d+)*|r|emacs|node|coq\d*(\.\d+)*|chicken|sbcl)-/;

const NATIVE_LANGUAGE_PREFIX = /^(python\d+(\.\d+)+|perl\d+(\.\d+)+|ocaml\d+(\.\d+)+|lua\d+(\.\d+)+|ruby\d+(\.\d+)+|php\d+(\.\d+)+|ghc\d+(\.\d+)+)-/;

// Build flavours of one project that CVEs never distinguish.
const FLAVOUR_SUFFIX = /-(unwrapped|wrapped|wrapper|bin|full|minimal|headless|nox|gtk[234]?|qt[56]?|static|dev|lib|libs|kernel|module|modules|driver|nightly|git|unstable|esr-bin)$/;

/** The project name of a pname: "python3.13-requests" → "requests", "firefox-unwrapped" → "firefox". */
export function projectKey(pname: string, ecosystem: string): string {
  let name = pname;
  // Applications built with a language's tooling keep its prefix too (python3.13-mlflow-server).
  name = ecosystem !== 'native' ? name.replace(LANGUAGE_PNAME_PREFIX, '') : name.replace(NATIVE_LANGUAGE_PREFIX, '');
  let key = nameKey(name);
  for (let previous = ''; previous !== key; ) {
    previous = key;
    const stripped = key.replace(FLAVOUR_SUFFIX, '');
    if (stripped.length >= 2) key = stripped;
  }
  return key;
}

/**
 * The keys an attribute answers to by its own name: "openssl_1_1" → openssl-1-1 and openssl;
 * "thunderbird-latest" → thunderbird-latest and thunderbird; "gcc13" → gcc13 (and gcc when that is the pname).
 */
export function attrKeys(attr: string, pnameKey: string): string[] {
  const last = attr.split('.').pop()!.replace(/^"|"$/g, '');
  const full = nameKey(last);
  const keys = new Set([full]);
  const stripped = full.replace(/-(\d+(-\d+)*|latest|legacy|lts|stable|testing|esr|x)$/, '').replace(/-(\d+(-\d+)*|x)$/, '');
  if (stripped.length >= 2) keys.add(stripped);
  const digitless = full.replace(/\d+$/, '');
  if (digitless === pnameKey) keys.add(digitless);
  return [...keys].filter((key) => key.length >= 2);
}

/** Attributes that are tests, not packages users install. */
export function isTestAttr(attr: string): boolean {
  return /^(tests|nixosTests|home-assistant-component-tests)\./.test(attr) || /\.(tests|passthru)\./.test(attr);
}

/** "https://github.com/Curl/curl.git/issues" → "github.com/curl/curl"; other hosts → "host/first-path-segment". */
export function repoKey(url: string): string | null {
  const match = /^(?:[a-z+]+:\/\/|git@)?(?:www\.)?([^/:\s]+)[/:]([^/\s?#]+)(?:\/([^/\s?#]+))?/i.exec(url.trim());
  if (!match) return null;
  const host = match[1].toLowerCase();
  const owner = match[2].toLowerCase();
  const repo = match[3]?.toLowerCase().replace(/\.git$/, '');
  if (/^(github\.com|gitlab\.com|codeberg\.org|bitbucket\.org|sr\.ht|git\.sr\.ht|gitea\.com)$/.test(host)) {
    return repo ? `${host}/${owner.replace(/^~/, '')}/${repo}` : null;
  }
  return null;
}

/** The registrable-ish name of a homepage host: "https://www.openssl.org/" → "openssl", "curl.se" → "curl". */
export function homepageName(url: string): string | null {
  const match = /^[a-z+]+:\/\/(?:www\.)?([^/:\s]+)/i.exec(url.trim());
  if (!match) return null;
  const labels = match[1].toLowerCase().split('.');
  if (labels.length < 2) return null;
  const secondLevel = labels[labels.length - 2];
  // project.sourceforge.net, project.github.io, project.gitlab.io: the project is the subdomain.
  if (/^(sourceforge|github|gitlab|readthedocs|savannah|freedesktop|gnome|kde|apache|mozilla)$/.test(secondLevel) && labels.length > 2) {
    return labels[labels.length - 3];
  }
  return secondLevel;
}
