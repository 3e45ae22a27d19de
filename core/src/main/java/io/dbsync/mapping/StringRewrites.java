package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;

/**
 * The rewrites that apply to any string value, wherever it is: workspace path prefixes, storage
 * prefixes, and renamed users and service principals (a value equal to a renamed user name or
 * application id, and home folders /Users/&lt;name&gt;/... with or without /Workspace in front). Group
 * names are too short to be recognised anywhere; {@link PrincipalFields} renames them where a field
 * names a principal.
 */
final class StringRewrites {
  private StringRewrites() {}

  static void apply(TranslationRun run, JsonNode attrs) {
    TranslationRun.rewriteStrings(attrs, s -> rewrite(run, s));
  }

  static String rewrite(TranslationRun run, String s) {
    String out = s;
    Optional<Prefixes.Hit> path = run.workspacePaths.rewriteWorkspacePath(out);
    if (path.isPresent()) {
      run.summary.count("workspace path " + path.get().from() + " -> " + path.get().to());
      out = path.get().result();
    } else {
      out = home(run, out);
    }
    Optional<Prefixes.Hit> store = run.storage.rewrite(out);
    if (store.isPresent()) {
      run.summary.count("storage " + store.get().from() + " -> " + store.get().to());
      out = store.get().result();
    }
    for (PrincipalKind k : new PrincipalKind[] {PrincipalKind.USER, PrincipalKind.SERVICE_PRINCIPAL}) {
      String renamed = run.mapping.principals().of(k).get(out);
      if (renamed != null) {
        run.summary.count(label(k) + " " + out + " -> " + renamed);
        return renamed;
      }
    }
    return out;
  }

  /** /Users/old/... (or /Workspace/Users/old/...) of a renamed user or service principal. */
  private static String home(TranslationRun run, String s) {
    for (String root : new String[] {"/Users/", "/Workspace/Users/"}) {
      if (!s.startsWith(root)) {
        continue;
      }
      String rest = s.substring(root.length());
      int slash = rest.indexOf('/');
      String name = slash < 0 ? rest : rest.substring(0, slash);
      for (PrincipalKind k : new PrincipalKind[] {PrincipalKind.USER, PrincipalKind.SERVICE_PRINCIPAL}) {
        Map<String, String> renames = run.mapping.principals().of(k);
        if (renames.containsKey(name)) {
          run.summary.count("home folder " + root + name + " -> " + root + renames.get(name));
          return root + renames.get(name) + (slash < 0 ? "" : rest.substring(slash));
        }
      }
    }
    return s;
  }

  static String label(PrincipalKind k) {
    return switch (k) {
      case USER -> "user";
      case GROUP -> "group";
      case SERVICE_PRINCIPAL -> "service principal";
    };
  }
}
