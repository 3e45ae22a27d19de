package io.dbsync.tf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Safe, stable Terraform resource names (also used as file names): [a-z0-9_], starting with a
 * letter or underscore. When the mapping loses information (case, spaces, '#', '%', unicode, '..'),
 * an 8-hex-digit hash of the original is appended so that distinct objects never collide and the
 * same object always gets the same name.
 */
public final class Names {
  private static final int MAX_BASE = 64;

  private Names() {}

  public static String safe(String original) {
    String ascii = Normalizer.normalize(original, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String base = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
      base = "_" + base;
    }
    boolean lossless = base.equals(original);
    if (base.length() > MAX_BASE) {
      base = base.substring(0, MAX_BASE);
      lossless = false;
    }
    return lossless ? base : base + "_" + hash8(original);
  }

  /** First 8 hex digits of SHA-256 of the text. */
  public static String hash8(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
