package io.dbsync.state.backend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a --backend-file: HCL (backend.tf) or JSON (backend.tf.json, *.json). */
public final class BackendFiles {
  private BackendFiles() {}

  /** The file's backend block. */
  public static BackendBlock read(Path file) throws IOException {
    String source = file.toString();
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw new InvalidBackendFileException(source + ": backend file not found");
    } catch (CharacterCodingException e) {
      throw new InvalidBackendFileException(source + ": not UTF-8 text");
    }
    return parse(source, text);
  }

  /** Parses text; the source name decides the syntax (".json" suffix means JSON). */
  public static BackendBlock parse(String source, String text)
      throws InvalidBackendFileException {
    boolean json = source.toLowerCase(Locale.ROOT).endsWith(".json");
    return json ? JsonBackendParser.parse(source, text) : HclBackendParser.parse(source, text);
  }
}
