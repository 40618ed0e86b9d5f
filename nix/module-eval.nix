# Offline evaluation of module.nix for test/nix-parse.e2e-spec.ts: nixpkgs (and so the real module
# system) cannot be fetched there, so this file stands in for the part of them module.nix uses.
#
#   nix-instantiate --eval --strict --json -E 'import ./nix/module-eval.nix { settings = { enable = true; … }; }'
#
# What the stand-in does like NixOS: option defaults, unknown option names rejected, values checked
# against the declared types (a simplified check per type), mkIf / mkMerge resolved, definitions
# merged (attribute sets recursively, lists concatenated), assertions and warnings collected.
# What it does not: priorities (mkDefault / mkForce), submodules, other NixOS modules (systemd,
# users, postgresql …) and their checks, the rendering of units. The VM test covers those.
{
  # The user's `services.nixsec` definition.
  settings ? { },
  module ? ./module.nix,
  # lib.trivial.release of the nixpkgs the module is evaluated against.
  release ? "25.11",
}:

let
  inherit (builtins)
    all
    attrNames
    concatLists
    concatStringsSep
    filter
    head
    isAttrs
    isBool
    isInt
    isList
    isPath
    isString
    listToAttrs
    mapAttrs
    substring
    stringLength
    ;

  showPath = path: concatStringsSep "." path;

  mkType = name: check: { inherit name check; };

  types = rec {
    str = mkType "str" isString;
    bool = mkType "bool" isBool;
    int = mkType "int" isInt;
    port = mkType "port" (v: isInt v && v >= 0 && v <= 65535);
    ints = {
      positive = mkType "positive integer" (v: isInt v && v > 0);
      unsigned = mkType "unsigned integer" (v: isInt v && v >= 0);
    };
    # As nixpkgs: a path literal or a string starting with "/".
    path = mkType "path" (v: (isPath v || isString v) && substring 0 1 (toString v) == "/");
    package = mkType "package" (v: isAttrs v && v ? outPath);
    strMatching = pattern: mkType "string matching ${pattern}" (v: isString v && builtins.match pattern v != null);
    nullOr = t: mkType "null or ${t.name}" (v: v == null || t.check v);
    listOf = t: mkType "list of ${t.name}" (v: isList v && all t.check v);
    attrsOf = t: mkType "attribute set of ${t.name}" (v: isAttrs v && all (n: t.check v.${n}) (attrNames v));
    oneOf = ts: mkType (concatStringsSep " or " (map (t: t.name) ts)) (v: builtins.any (t: t.check v) ts);
  };

  lib = rec {
    inherit types;
    inherit (builtins) attrNames concatLists concatStringsSep filter length;
    trivial = { inherit release; };

    mkOption = attrs: attrs // { _type = "option"; };
    mkEnableOption = name: mkOption {
      type = types.bool;
      default = false;
      description = "Whether to enable ${name}.";
    };
    mkIf = condition: content: {
      _type = "if";
      inherit condition content;
    };
    mkMerge = contents: {
      _type = "merge";
      inherit contents;
    };
    literalExpression = text: {
      _type = "literalExpression";
      inherit text;
    };

    optional = cond: x: if cond then [ x ] else [ ];
    optionalAttrs = cond: attrs: if cond then attrs else { };
    boolToString = b: if b then "true" else "false";
    versionAtLeast = a: b: builtins.compareVersions a b >= 0;
    range = first: last: if first > last then [ ] else builtins.genList (n: first + n) (last - first + 1);
    hasPrefix = prefix: s: substring 0 (stringLength prefix) s == prefix;
    concatMapStringsSep = sep: f: list: concatStringsSep sep (map f list);
    nameValuePair = name: value: { inherit name value; };
    mapAttrs = builtins.mapAttrs;
    mapAttrs' = f: attrs: listToAttrs (map (n: f n attrs.${n}) (attrNames attrs));
    mapAttrsToList = f: attrs: map (n: f n attrs.${n}) (attrNames attrs);
    filterAttrs =
      pred: attrs:
      listToAttrs (
        map (n: nameValuePair n attrs.${n}) (filter (n: pred n attrs.${n}) (attrNames attrs))
      );
    getExe = pkg: "${pkg}/bin/${pkg.meta.mainProgram}";
  };

  isOption = v: isAttrs v && (v._type or null) == "option";

  # The value of every option: the definition, else the default; checked against its type.
  resolveOptions =
    path: options: given:
    let
      unknown = filter (name: !(options ? ${name})) (attrNames given);
    in
    if unknown != [ ] then
      throw "The option `${showPath (path ++ [ (head unknown) ])}' does not exist."
    else
      mapAttrs (
        name: option:
        let
          optionPath = path ++ [ name ];
          value =
            if given ? ${name} then
              given.${name}
            else if option ? default then
              option.default
            else
              throw "The option `${showPath optionPath}' is used but not defined.";
        in
        if !(isOption option) then
          resolveOptions optionPath option (given.${name} or { })
        else if option.type.check value then
          value
        else
          throw "The option `${showPath optionPath}' is not of type `${option.type.name}'."
      ) options;

  # A definition as the list of plain values it contributes (mkIf false contributes none).
  definitions =
    v:
    if isAttrs v && (v._type or null) == "if" then
      (if v.condition then definitions v.content else [ ])
    else if isAttrs v && (v._type or null) == "merge" then
      concatLists (map definitions v.contents)
    else
      [ v ];

  absent = {
    _type = "absent";
  };

  merge =
    path: defs:
    if defs == [ ] then
      absent
    else if all (d: isAttrs d && !(d ? outPath)) defs then
      let
        names = attrNames (builtins.foldl' (acc: d: acc // d) { } defs);
        merged = map (name: {
          inherit name;
          value = merge (path ++ [ name ]) (concatLists (map (d: if d ? ${name} then definitions d.${name} else [ ]) defs));
        }) names;
      in
      listToAttrs (filter (entry: (entry.value._type or null) != "absent") merged)
    else if all isList defs then
      concatLists defs
    else if all (d: d == head defs) defs then
      head defs
    else
      throw "The option `${showPath path}' has conflicting definitions.";

  stubPackage = {
    name = "nixsec-0.0.0";
    outPath = "${builtins.storeDir}/00000000000000000000000000000000-nixsec-0.0.0";
    meta.mainProgram = "nixsec";
  };

  pkgs = {
    callPackage = _fn: _args: stubPackage;
    nix = stubPackage // { name = "nix-0.0.0"; outPath = "${builtins.storeDir}/00000000000000000000000000000000-nix-0.0.0"; };
    git = stubPackage // { name = "git-0.0.0"; outPath = "${builtins.storeDir}/00000000000000000000000000000000-git-0.0.0"; };
    openssh = stubPackage // { name = "openssh-0.0.0"; outPath = "${builtins.storeDir}/00000000000000000000000000000000-openssh-0.0.0"; };
  };

  evaluated = import module { inherit config lib pkgs; };
  config = {
    services.nixsec = resolveOptions [ "services" "nixsec" ] evaluated.options.services.nixsec (
      { package = stubPackage; } // settings
    );
  };
  result = merge [ ] (definitions evaluated.config);
in
{
  inherit (config.services) nixsec;
  config = result;
  failedAssertions = map (a: a.message) (filter (a: !a.assertion) (result.assertions or [ ]));
  warnings = result.warnings or [ ];
  # The option tree as names → type names, to check what a deployment can set.
  optionTypes =
    let
      typesOf = options: mapAttrs (_: o: if isOption o then o.type.name else typesOf o) options;
    in
    typesOf evaluated.options.services.nixsec;
}
