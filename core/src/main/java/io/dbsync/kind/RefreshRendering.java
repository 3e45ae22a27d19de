package io.dbsync.kind;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The rendering used when refreshing target objects at import: ids stay raw, artifacts are hashed
 * ("sha256:<hex>", streamed, never held in memory), variables take the value the object has now.
 */
public final class RefreshRendering implements Rendering {
  public static final RefreshRendering INSTANCE = new RefreshRendering();

  @Override
  public String ref(String type, String id, String attr) {
    return id;
  }

  @Override
  public String artifact(String relativePath, ArtifactWriter content) throws IOException {
    return sha256(content);
  }

  @Override
  public String variable(String name, String description, boolean sensitive, String currentValue) {
    return currentValue;
  }

  @Override
  public boolean exporting() {
    return false;
  }

  /** "sha256:<hex>" of what the writer produces. */
  public static String sha256(ArtifactWriter content) throws IOException {
    return sha256(content, OutputStream.nullOutputStream());
  }

  /** "sha256:<hex>" of what the writer produces, which also goes to {@code copy} (closed at the end). */
  public static String sha256(ArtifactWriter content, OutputStream copy) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (DigestOutputStream out = new DigestOutputStream(copy, md)) {
      content.writeTo(out);
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }
}
