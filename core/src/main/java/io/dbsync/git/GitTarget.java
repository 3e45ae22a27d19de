package io.dbsync.git;

import io.dbsync.tf.UrlCredentials;

import java.nio.file.Path;

/** Where an export goes: a local repository path (created if new), or a remote reached over SSH. */
public sealed interface GitTarget {
  record Local(Path path) implements GitTarget {
    @Override
    public String describe() {
      return UrlCredentials.redact(path.toString());
    }
  }

  record Ssh(String url) implements GitTarget {
    @Override
    public String describe() {
      return UrlCredentials.redact(url);
    }
  }

  /** For messages and reports: credentials in a URL are shown as "***" (review D21). */
  String describe();

  /** "git@host:path", "ssh://[user@]host[:port]/path" are SSH remotes; anything else is a local path. */
  static GitTarget parse(String target) {
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("a git target (local path or SSH URL) is required");
    }
    if (isSshUrl(target)) {
      return new Ssh(target);
    }
    return new Local(Path.of(target));
  }

  static boolean isSshUrl(String s) {
    if (s.startsWith("ssh://") || s.startsWith("git+ssh://") || s.startsWith("ssh+git://")) {
      return true;
    }
    // scp-like syntax: [user@]host:path, where host has no '/' (so "./a:b" or "/x:y" are paths)
    int colon = s.indexOf(':');
    int slash = s.indexOf('/');
    return colon > 0 && (slash < 0 || colon < slash) && !s.contains("://") && s.indexOf('@') < colon
        && !(colon == 1 && Character.isLetter(s.charAt(0)));
  }
}
