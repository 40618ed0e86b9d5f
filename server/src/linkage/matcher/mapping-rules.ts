import { squashKey } from './names';

/**
 * A mapping between a CVE's vendor:product and Nixpkgs package names. `map` rules say which
 * packages a product is (CPE "linux:linux_kernel" is the `linux` kernels); `never` rules say a
 * product is never a given package, or never any package ("apache:flex" is not GNU flex).
 */
export interface MappingRule {
  /** Database id for rules the security team curated; null for the built-in table. */
  id: number | null;
  /** null matches any vendor. */
  vendor: string | null;
  product: string;
  action: 'map' | 'never';
  /** Package names (pname/project keys or attribute names); for `never`, empty means "no package". */
  packages: string[];
  note: string;
}

/** Rules indexed for lookup by (vendor, product) keys. */
export class MappingRules {
  private readonly rules = new Map<string, MappingRule[]>();

  constructor(rules: readonly MappingRule[]) {
    for (const rule of rules) {
      const key = ruleKey(rule.vendor, rule.product);
      this.rules.set(key, [...(this.rules.get(key) ?? []), rule]);
    }
  }

  /** Rules for this product: the vendor-specific ones first, then those for any vendor. */
  find(vendor: string | null, product: string): MappingRule[] {
    const specific = vendor ? this.rules.get(ruleKey(vendor, product)) ?? [] : [];
    return [...specific, ...(this.rules.get(ruleKey(null, product)) ?? [])];
  }
}

function ruleKey(vendor: string | null, product: string): string {
  return `${vendor ? squashKey(vendor) : '*'}:${squashKey(product)}`;
}

const builtIn = (vendor: string | null, product: string, packages: string[], note: string): MappingRule => ({
  id: null, vendor, product, action: 'map', packages, note,
});
const never = (vendor: string | null, product: string, note: string, packages: string[] = []): MappingRule => ({
  id: null, vendor, product, action: 'never', packages, note,
});

/**
 * Where a product's CPE or CNA name differs from its Nixpkgs name. Curated rules from the database
 * come first; these are the well-known cases shipped with nixsec.
 */
export const BUILT_IN_RULES: readonly MappingRule[] = [
  builtIn('linux', 'linux_kernel', ['linux'], 'NVD names the kernel linux:linux_kernel'),
  builtIn('linux', 'kernel', ['linux'], 'the kernel CNA sometimes writes product "Kernel"'),
  builtIn('linux', 'linux', ['linux'], 'the kernel CNA writes vendor and product "Linux"'),
  builtIn('apache', 'http_server', ['apache-httpd'], 'Apache HTTP Server is apacheHttpd'),
  builtIn('apache', 'apache_http_server', ['apache-httpd'], 'Apache HTTP Server is apacheHttpd'),
  builtIn('google', 'chrome', ['chromium', 'google-chrome'], 'Chrome CVEs affect Chromium'),
  builtIn('haxx', 'libcurl', ['curl'], 'libcurl is part of curl'),
  builtIn(null, 'libcurl', ['curl'], 'libcurl is part of curl'),
  builtIn('nodejs', 'node.js', ['nodejs'], 'Node.js is nodejs'),
  builtIn(null, 'node.js', ['nodejs'], 'Node.js is nodejs'),
  builtIn('python', 'python', ['python3', 'python'], 'CPython is python3'),
  builtIn('python', 'cpython', ['python3', 'python'], 'CPython is python3'),
  builtIn(null, 'cpython', ['python3', 'python'], 'CPython is python3'),
  builtIn('gnu', 'glibc', ['glibc'], 'GNU C Library'),
  builtIn('gnu', 'c_library', ['glibc'], 'GNU C Library'),
  builtIn('gnu', 'gnu_c_library', ['glibc'], 'GNU C Library'),
  builtIn('x.org', 'x_server', ['xorg-server'], 'X.Org X server'),
  builtIn('x.org', 'xorg-server', ['xorg-server'], 'X.Org X server'),
  builtIn('x.org', 'xserver', ['xorg-server'], 'X.Org X server'),
  builtIn('x.org', 'xwayland', ['xwayland'], 'Xwayland'),
  builtIn('openbsd', 'openssh', ['openssh'], 'OpenSSH'),
  builtIn('isc', 'bind', ['bind'], 'ISC BIND'),
  builtIn('isc', 'bind_9', ['bind'], 'ISC BIND'),
  builtIn('golang', 'go', ['go'], 'the Go toolchain'),
  builtIn('rust-lang', 'rust', ['rustc'], 'the Rust toolchain'),
  builtIn('oracle', 'openjdk', ['openjdk'], 'OpenJDK'),
  builtIn('oracle', 'jdk', ['openjdk'], 'Oracle JDK CVEs cover OpenJDK'),
  builtIn('oracle', 'jre', ['openjdk'], 'Oracle JRE CVEs cover OpenJDK'),
  builtIn('oracle', 'mysql', ['mysql'], 'MySQL'),
  builtIn('oracle', 'mysql_server', ['mysql'], 'MySQL'),
  builtIn('oracle', 'vm_virtualbox', ['virtualbox'], 'VirtualBox'),
  builtIn('mozilla', 'firefox_esr', ['firefox-esr'], 'Firefox ESR'),
  builtIn('mozilla', 'thunderbird_esr', ['thunderbird-esr'], 'Thunderbird ESR'),
  builtIn('mariadb', 'mariadb', ['mariadb', 'mariadb-server'], 'MariaDB'),
  builtIn('postgresql', 'postgresql', ['postgresql'], 'PostgreSQL'),
  builtIn('imagemagick', 'imagemagick', ['imagemagick'], 'ImageMagick'),
  builtIn('webkitgtk', 'webkitgtk', ['webkitgtk'], 'WebKitGTK'),
  builtIn('webkitgtk', 'webkitgtk+', ['webkitgtk'], 'WebKitGTK'),
  builtIn('libtiff', 'libtiff', ['libtiff'], 'LibTIFF'),
  builtIn('freedesktop', 'poppler', ['poppler'], 'Poppler'),
  builtIn('gnome', 'glib', ['glib'], 'GLib'),
  builtIn('gnome', 'libxml2', ['libxml2'], 'libxml2'),
  builtIn('xmlsoft', 'libxml2', ['libxml2'], 'libxml2'),
  builtIn('xmlsoft', 'libxslt', ['libxslt'], 'libxslt'),
  builtIn('redhat', 'libvirt', ['libvirt'], 'libvirt'),
  builtIn('tukaani', 'xz', ['xz'], 'XZ Utils'),
  builtIn(null, 'xz_utils', ['xz'], 'XZ Utils'),
  builtIn('ffmpeg', 'ffmpeg', ['ffmpeg'], 'FFmpeg'),
  builtIn('vim', 'vim', ['vim'], 'Vim'),
  builtIn('sudo_project', 'sudo', ['sudo'], 'sudo'),
  builtIn('microsoft', 'visual_studio_code', ['vscode'], 'Visual Studio Code'),
  builtIn('docker', 'docker', ['docker'], 'Docker'),
  builtIn('mobyproject', 'moby', ['docker'], 'Moby is Docker'),
  builtIn('kubernetes', 'kubernetes', ['kubernetes'], 'Kubernetes'),
  ...['vault', 'consul', 'nomad', 'terraform', 'packer', 'vagrant', 'boundary'].map((p) => builtIn('hashicorp', p, [p], `HashiCorp ${p}`)),
  builtIn('f5', 'nginx', ['nginx'], 'F5 publishes nginx'),
  builtIn('f5', 'nginx_open_source', ['nginx'], 'F5 publishes nginx'),
  builtIn('eclipse', 'mosquitto', ['mosquitto'], 'Eclipse Mosquitto'),
  never('apache', 'flex', 'Apache Flex is not GNU flex', ['flex']),
  never('apache', 'log4j', 'Log4j is a Java library bundled by applications, not a package of its own'),
  never('redhat', 'linux', 'Red Hat Linux, a distribution, not the kernel'),
  never('redhat', 'enterprise_linux', 'a distribution, not a package'),
  never('redhat', 'enterprise_linux_server', 'a distribution, not a package'),
  never('debian', 'debian_linux', 'a distribution, not a package'),
  never('canonical', 'ubuntu_linux', 'a distribution, not a package'),
  never('fedoraproject', 'fedora', 'a distribution, not a package'),
  never('opensuse', 'leap', 'a distribution, not a package'),
  never('suse', 'linux_enterprise_server', 'a distribution, not a package'),
  never('microsoft', 'windows', 'an operating system Nixpkgs does not ship'),
  never('apple', 'macos', 'an operating system Nixpkgs does not ship'),
  never('apple', 'mac_os_x', 'an operating system Nixpkgs does not ship'),
  never('apple', 'iphone_os', 'an operating system Nixpkgs does not ship'),
  never('google', 'android', 'an operating system Nixpkgs does not ship'),
];
