package io.dbsync.git;

import io.dbsync.tf.UrlCredentials;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where an export goes: a local repository path (created if new), a remote reached over SSH, or a
 * remote reached over HTTPS (or plain HTTP) with optional token credentials.
 */
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

  /**
   * An HTTP(S) remote. The URL never carries credentials (they would end up in messages, reports
   * and JGit's own errors): {@link #https} moves any user:password in the URL into {@code credentials}.
   *
   * @param credentials null: anonymous (a public repository, read only)
   */
  record Https(String url, HttpsCredentials credentials) implements GitTarget {
    public Https {
      if (userInfo(url) != null) {
        throw new IllegalArgumentException("the URL of an Https target must not hold credentials");
      }
    }

    @Override
    public String describe() {
      return url;
    }
  }

  /**
   * The target as users see it in messages and reports: never with credentials (an HTTPS target holds
   * none in its URL; a local path or SSH URL that does is shown with "***", review D21).
   */
  String describe();

  /** "git@host:path", "ssh://[user@]host[:port]/path" are SSH remotes, http(s):// HTTPS ones; anything else is a local path. */
  static GitTarget parse(String target) {
    return parse(target, null);
  }

  /**
   * As {@link #parse(String)}; an HTTPS remote gets {@code token} as credentials (null: the URL's
   * own user:password, if any, else anonymous).
   */
  static GitTarget parse(String target, HttpsCredentials token) {
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("a git target (local path, SSH or HTTPS URL) is required");
    }
    if (isHttpUrl(target)) {
      return https(target, token);
    }
    if (isSshUrl(target)) {
      return new Ssh(target);
    }
    return new Local(Path.of(target));
  }

  /** An HTTPS target; credentials in the URL are taken out of it and used unless {@code token} is given. */
  static Https https(String url, HttpsCredentials token) {
    String info = userInfo(url);
    if (info == null) {
      return new Https(url, token);
    }
    String bare = url.replaceFirst("(?i)^(https?://)[^/]*@", "$1");
    if (token != null) {
      return new Https(bare, token);
    }
    int colon = info.indexOf(':');
    HttpsCredentials fromUrl = colon < 0 ? new HttpsCredentials(decode(info), "")
        : new HttpsCredentials(decode(info.substring(0, colon)), decode(info.substring(colon + 1)));
    return new Https(bare, fromUrl);
  }

  static boolean isHttpUrl(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
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

  /** The raw user[:password] of an http(s) URL's authority, or null. */
  private static String userInfo(String url) {
    if (!isHttpUrl(url)) {
      return null;
    }
    int start = url.indexOf("://") + 3;
    int end = url.indexOf('/', start);
    String authority = end < 0 ? url.substring(start) : url.substring(start, end);
    int at = authority.lastIndexOf('@');
    return at < 0 ? null : authority.substring(0, at);
  }

  /** Percent-decodes a URL's user info ("%40" is "@"); text that is not a valid URL part is kept as is. */
  private static String decode(String s) {
    try {
      String decoded = new URI("http://" + s + "@localhost/").getUserInfo();
      return decoded != null ? decoded : s;
    } catch (URISyntaxException e) {
      return s;
    }
  }
}
