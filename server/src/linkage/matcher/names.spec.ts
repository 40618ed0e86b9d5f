import {
  attrKeys,
  ecosystemOfAttr,
  homepageName,
  isPlaceholderName,
  isTestAttr,
  nameKey,
  projectKey,
  repoKey,
  setFamily,
  squashKey,
} from './names';

// Names, attribute paths, pnames and homepages below are real: CVE records in test/fixtures/cve and
// rows of test/fixtures/nixpkgs/universe.tsv.gz (a nixos-unstable evaluation, 2025-09). The few
// made-up inputs say so.

describe('nameKey: CVE and Nixpkgs names reduced to one key', () => {
  it.each([
    // case and separators
    ['Apache HTTP_Server', 'apache-http-server'],
    ['OpenSSL', 'openssl'],
    ['libjpeg_turbo', 'libjpeg-turbo'],
    ['node.js', 'node-js'],
    ['  LibJPEG Turbo ', 'libjpeg-turbo'],
    ['firefox_esr', 'firefox-esr'],
    // a run of separators is one '-', and none at either end
    ['Red Hat Enterprise Linux 10', 'red-hat-enterprise-linux-10'],
    ['--x--', 'x'],
    ['Foo (Bar) [x]', 'foo-bar-x'],
    ['mlflow/mlflow', 'mlflow-mlflow'],
    // CPE formatted-string escapes are removed (cpe:2.3:a:nodejs:node\.js)
    ['node\\.js', 'node-js'],
    ['wp_maintenance_mode_\\&_coming_soon', 'wp-maintenance-mode-&-coming-soon'],
  ])('%j → %j', (raw, key) => {
    expect(nameKey(raw)).toBe(key);
  });
});

describe('squashKey: spelling variants without separators agree', () => {
  it.each([['libjpeg-turbo'], ['libjpeg_turbo'], ['LibJPEG Turbo'], ['libjpeg.turbo']])('%j → libjpegturbo', (raw) => {
    expect(squashKey(raw)).toBe('libjpegturbo');
  });

  it('keeps letters and digits apart from separators only', () => {
    expect(squashKey('Node.js')).toBe('nodejs');
    expect(squashKey('openssl_1_1')).toBe('openssl11');
  });
});

describe('isPlaceholderName: values that name nothing', () => {
  it.each(['n/a', 'N/A', 'n.a.', 'NA', '[UNKNOWN]', 'unknown', 'unspecified', 'None', 'various', 'multiple', '*', '-', '', '  '])(
    '%j is a placeholder',
    (raw) => {
      expect(isPlaceholderName(raw)).toBe(true);
    },
  );

  it('null and undefined are placeholders', () => {
    expect(isPlaceholderName(null)).toBe(true);
    expect(isPlaceholderName(undefined)).toBe(true);
  });

  it.each(['curl', 'Mozilla', 'Unknown Vendor Inc', 'na-proxy', 'Linux'])('%j is a name', (raw) => {
    expect(isPlaceholderName(raw)).toBe(false);
  });
});

describe('ecosystemOfAttr: native packages, language sets, kernel modules', () => {
  it.each([
    // top level and native sets: programs and libraries in their own right
    ['curl', 'native'],
    ['openssl_1_1', 'native'],
    ['thunderbird-latest', 'native'],
    ['xorg.xorgserver', 'native'],
    ['kdePackages.kate', 'native'],
    ['libsForQt5.kio', 'native'],
    ['qt6.qtbase', 'native'],
    ['llvmPackages_17.clang', 'native'],
    ['llvmPackages_21.libllvm', 'native'],
    ['cudaPackages.cuda_nvcc', 'native'],
    ['gst_all_1.gstreamer', 'native'],
    ['darwin.binutils', 'native'],
    ['linuxKernel.kernels.linux_6_1', 'native'],
    ['linuxKernel.kernels.linux_hardened', 'native'],
    // kernel modules, built once per kernel
    ['linuxKernel.packages.linux_6_1.zfs_2_3', 'linux-module'],
    ['linuxKernel.packages.linux_5_10.v4l2loopback', 'linux-module'],
    ['linuxPackages_6_1.nvidia_x11', 'linux-module'],
    ['linuxPackages.zfs', 'linux-module'],
    // language and plugin sets, named after the set family
    ['python313Packages.requests', 'python'],
    ['python312Packages.requests', 'python'],
    ['python3Packages.requests', 'python'],
    ['rPackages.curl', 'r'],
    ['haskellPackages.curl', 'haskell'],
    ['haskell.packages.ghc96.curl', 'haskell'],
    ['php83Extensions.curl', 'php'],
    ['php84Packages.composer', 'php'],
    ['perl540Packages.DBI', 'perl'],
    ['rubyPackages_3_4.nokogiri', 'ruby'],
    ['rubyPackages.nokogiri', 'ruby'],
    ['lua54Packages.luasocket', 'lua'],
    ['luajitPackages.lpeg', 'lua'],
    ['nodePackages.npm', 'node'],
    ['nodePackages_latest.npm', 'node'],
    ['emacsPackages.magit', 'emacs'],
    ['vimPlugins.fzf-vim', 'vim'],
    ['ocamlPackages.ssl', 'ocaml'],
    ['chickenPackages_5.chickenEggs.srfi-1', 'chicken'],
    ['postgresql17Packages.pgvector', 'postgresql'],
    ['coqPackages.mathcomp', 'coq'],
    ['beam27Packages.elixir', 'beam'],
    ['terraform-providers.fortios', 'terraform-providers'],
  ])('%s → %s', (attr, ecosystem) => {
    expect(ecosystemOfAttr(attr)).toBe(ecosystem);
  });

  // Bug: setFamily's list matches "r" as a prefix, so every set whose name starts with "r" (after
  // ruby) is taken for CRAN: an R record (collectionURL cran.r-project.org) would then let
  // roundcubePlugins.* and rocqPackages.* through the ecosystem filter. All four sets are in universe.tsv.gz.
  it.each([['rocqPackages.stdlib'], ['roundcubePlugins.carddav'], ['reposilitePlugins.checksum'], ['rizinPlugins.rz-ghidra']])(
    '%s is not an R package',
    (attr) => {
      expect(ecosystemOfAttr(attr)).not.toBe('r');
    },
  );
});

describe('setFamily', () => {
  it.each([
    ['python313Packages', 'python'],
    ['rubyPackages_3_4', 'ruby'],
    ['php83Extensions', 'php'],
    ['chickenPackages_5', 'chicken'],
    ['haskellPackages', 'haskell'],
    ['luajitPackages', 'lua'],
    ['perl538Packages', 'perl'],
    ['vimPlugins', 'vim'],
    ['tmuxPlugins', 'tmux'],
    ['gnomeExtensions', 'gnome'],
  ])('%s → %s', (set, family) => {
    expect(setFamily(set)).toBe(family);
  });
});

describe('projectKey: the project a pname stands for', () => {
  it.each([
    // language prefixes go in language sets…
    ['python3.13-requests', 'python', 'requests'],
    ['python3.12-requests', 'python', 'requests'],
    ['perl5.40.0-DBI', 'perl', 'dbi'],
    ['r-curl', 'r', 'curl'],
    ['php-curl', 'php', 'curl'],
    ['ocaml5.3.0-ssl', 'ocaml', 'ssl'],
    ['lua5.4-luasocket', 'lua', 'luasocket'],
    ['luajit-2.1.1741730670-lpeg', 'lua', 'lpeg'],
    ['ruby3.4-nokogiri', 'ruby', 'nokogiri'],
    ['emacs-magit', 'emacs', 'magit'],
    // …and stay on native packages, where they are part of the name (apache-airflow's pname)
    ['python3.13-apache-airflow', 'native', 'apache-airflow'],
    // build flavours CVEs never distinguish
    ['firefox-unwrapped', 'native', 'firefox'],
    ['firefox-bin-unwrapped', 'native', 'firefox'],
    ['firefox-bin', 'native', 'firefox'],
    ['thunderbird-esr-bin', 'native', 'thunderbird'],
    ['ffmpeg-headless', 'native', 'ffmpeg'],
    ['ffmpeg-full', 'native', 'ffmpeg'],
    ['git-minimal', 'native', 'git'],
    ['vim-gtk3', 'native', 'vim'],
    ['emacs-nox', 'native', 'emacs'],
    ['neovim-nightly', 'native', 'neovim'],
    ['zfs-kernel', 'linux-module', 'zfs'],
    ['virtualbox-modules', 'linux-module', 'virtualbox'],
    // a flavour is not stripped when too little would be left
    ['go-bin', 'native', 'go'],
    ['a-bin', 'native', 'a-bin'],
    // not a flavour
    ['firefox-esr', 'native', 'firefox-esr'],
    ['curl-impersonate', 'native', 'curl-impersonate'],
  ])('projectKey(%j, %j) → %j', (pname, ecosystem, key) => {
    expect(projectKey(pname, ecosystem)).toBe(key);
  });

  // Bad: "-wrapper" is no flavour, so binutils (pname binutils-wrapper 2.44) and bintools-unwrapped
  // (pname binutils 2.44) become two suggestions for every binutils CVE (e.g. CVE-2022-35205) — the
  // wrapped/unwrapped duplicate issue 5 names.
  it('a "-wrapper" pname is its project: binutils-wrapper → binutils', () => {
    expect(projectKey('binutils-wrapper', 'native')).toBe('binutils');
  });
});

describe('attrKeys: names an attribute answers to, version-in-name attributes included', () => {
  it.each<[attr: string, pnameKey: string, keys: string[]]>([
    ['openssl_1_1', 'openssl', ['openssl-1-1', 'openssl']],
    ['openssl_3', 'openssl', ['openssl-3', 'openssl']],
    ['linux_6_1', 'linux', ['linux-6-1', 'linux']],
    ['linuxKernel.kernels.linux_6_1', 'linux', ['linux-6-1', 'linux']],
    ['linuxKernel.kernels.linux_rt_6_1', 'linux-rt', ['linux-rt-6-1', 'linux-rt']],
    ['thunderbird-latest', 'thunderbird', ['thunderbird-latest', 'thunderbird']],
    ['firefox-esr', 'firefox', ['firefox-esr', 'firefox']],
    ['nodejs_20', 'nodejs', ['nodejs-20', 'nodejs']],
    ['hdf5_1_10', 'hdf5', ['hdf5-1-10', 'hdf5']],
    ['jetty_11', 'jetty', ['jetty-11', 'jetty']],
    // digits glued to the name count only when the pname says so
    ['gcc13', 'gcc', ['gcc13', 'gcc']],
    ['mysql80', 'mysql', ['mysql80', 'mysql']],
    ['gcc13', 'gcc-wrapper', ['gcc13']],
    ['python313', 'python3', ['python313']],
    // only the last path component, quotes removed
    ['llvmPackages_17.clang', 'clang', ['clang']],
    ['haskell.packages."ghc9.6".curl', 'curl', ['curl']],
    ['ffmpeg_4-full', 'ffmpeg', ['ffmpeg-4-full']],
    // one-letter keys are never produced
    ['x', 'x', []],
  ])('attrKeys(%j, %j) → %j', (attr, pnameKey, keys) => {
    expect(attrKeys(attr, pnameKey)).toEqual(keys);
  });
});

describe('isTestAttr', () => {
  it.each(['tests.curl', 'nixosTests.openssh', 'home-assistant-component-tests.zha', 'python313Packages.foo.tests.bar', 'haskellPackages.foo.passthru.x'])(
    '%s is a test',
    (attr) => {
      expect(isTestAttr(attr)).toBe(true);
    },
  );

  it.each(['testdisk', 'pytest', 'python313Packages.pytest', 'nixosTests', 'testssl'])('%s is a package', (attr) => {
    expect(isTestAttr(attr)).toBe(false);
  });
});

describe('repoKey: forge repositories as host/owner/repo', () => {
  it.each([
    ['https://github.com/Curl/curl.git/issues', 'github.com/curl/curl'],
    ['https://github.com/tukaani-project/xz', 'github.com/tukaani-project/xz'],
    ['http://github.com/a/b?tab=readme', 'github.com/a/b'],
    ['https://github.com/a/b#readme', 'github.com/a/b'],
    ['https://www.github.com/a/b', 'github.com/a/b'],
    ['git@github.com:foo/bar.git', 'github.com/foo/bar'],
    ['https://gitlab.com/owner/repo/-/issues', 'gitlab.com/owner/repo'],
    ['https://git.sr.ht/~sircmpwn/aerc', 'git.sr.ht/sircmpwn/aerc'],
    ['codeberg.org/forgejo/forgejo', 'codeberg.org/forgejo/forgejo'],
    ['https://bitbucket.org/gotoh/connect/wiki/Home', 'bitbucket.org/gotoh/connect'],
  ])('%s → %s', (url, key) => {
    expect(repoKey(url)).toBe(key);
  });

  it.each([
    // an owner without a repository
    ['https://github.com/curl'],
    // not a known forge: the host says nothing about the repository
    ['https://curl.se/'],
    ['https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux.git'],
    ['https://access.redhat.com/downloads/content/package-browser/'],
    [''],
  ])('%s → null', (url) => {
    expect(repoKey(url)).toBeNull();
  });
});

describe('homepageName: the project a homepage host names', () => {
  it.each([
    ['https://www.openssl.org/', 'openssl'],
    ['https://curl.se/', 'curl'],
    ['https://tukaani.org/xz/', 'tukaani'],
    ['https://www.mozilla.org/firefox/', 'mozilla'],
    ['http://www.mutt.org', 'mutt'],
    ['https://www.gnu.org/software/binutils/', 'gnu'],
    // project hosting: the subdomain is the project
    ['https://curlftpfs.sourceforge.net', 'curlftpfs'],
    ['https://python-pillow.github.io/', 'python-pillow'],
    ['https://cobalt-org.github.io/', 'cobalt-org'],
    ['https://tomcat.apache.org/', 'tomcat'],
  ])('%s → %s', (url, name) => {
    expect(homepageName(url)).toBe(name);
  });

  it.each([['http://localhost/'], ['not a url'], ['']])('%j → null', (url) => {
    expect(homepageName(url)).toBeNull();
  });
});
