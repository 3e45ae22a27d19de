package io.dbsync.crypto;

import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * ASCII armor ("-----BEGIN PGP MESSAGE-----"): text files that git diffs as text and gpg reads. The
 * armor carries only the comments given (no version header, so a library upgrade changes no byte).
 */
public final class PgpArmor {
  private static final String COMMENT = ArmoredOutputStream.COMMENT_HDR + ": ";

  private PgpArmor() {}

  /** Armors a binary OpenPGP message with these Comment headers. */
  public static byte[] armor(byte[] binary, List<String> comments) throws IOException {
    ArmoredOutputStream.Builder builder = ArmoredOutputStream.builder().clearHeaders();
    comments.forEach(builder::addComment);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = builder.build(out)) {
      armored.write(binary);
    }
    return out.toByteArray();
  }

  /** True when the bytes start like armored text rather than a binary packet. */
  public static boolean isArmored(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII).stripLeading();
    return head.startsWith("-----BEGIN PGP");
  }

  /** The binary packets of an armored message (binary input is returned as it is). */
  public static byte[] dearmor(byte[] bytes) throws IOException {
    if (!isArmored(bytes)) {
      return bytes;
    }
    try (ArmoredInputStream in = new ArmoredInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  /** The Comment headers of an armored message, in order (none for binary input). */
  public static List<String> comments(byte[] bytes) throws IOException {
    List<String> out = new ArrayList<>();
    if (!isArmored(bytes)) {
      return out;
    }
    try (ArmoredInputStream in = new ArmoredInputStream(new ByteArrayInputStream(bytes))) {
      for (String header : in.getArmorHeaders()) {
        if (header.startsWith(COMMENT)) {
          out.add(header.substring(COMMENT.length()));
        }
      }
    }
    return out;
  }
}
