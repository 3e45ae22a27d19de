package io.dbsync.emulator.workspace;

import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal multipart/form-data reader for the two endpoints that accept uploads (workspace/import
 * and dbfs/put). Binary safe: parts are sliced out of the raw body bytes, never decoded as text.
 */
public final class Multipart {
  /** One form field or file part. */
  public record Part(String name, String filename, byte[] data) {
    public String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  private Multipart() {}

  public static boolean isMultipart(Request req) {
    String ct = req.header("Content-Type");
    return ct != null && ct.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  /** Parts by name, in body order. */
  public static Map<String, Part> parse(Request req) {
    String ct = req.header("Content-Type");
    String boundary = null;
    for (String piece : ct.split(";")) {
      String p = piece.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        boundary = unquote(p.substring("boundary=".length()));
      }
    }
    if (boundary == null || boundary.isEmpty()) {
      throw ApiException.badRequest("MALFORMED_REQUEST", "Missing multipart boundary");
    }
    byte[] body = req.body();
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    Map<String, Part> parts = new LinkedHashMap<>();
    int pos = indexOf(body, delimiter, 0);
    while (pos >= 0) {
      int start = pos + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break;
      }
      start = skipCrlf(body, start);
      int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      if (headerEnd < 0) {
        throw ApiException.badRequest("MALFORMED_REQUEST", "Malformed multipart body");
      }
      String headers = new String(body, start, headerEnd - start, StandardCharsets.UTF_8);
      int dataStart = headerEnd + 4;
      int next = indexOf(body, delimiter, dataStart);
      if (next < 0) {
        throw ApiException.badRequest("MALFORMED_REQUEST", "Malformed multipart body");
      }
      int dataEnd = next;
      if (dataEnd >= 2 && body[dataEnd - 2] == '\r' && body[dataEnd - 1] == '\n') {
        dataEnd -= 2;
      }
      String name = null;
      String filename = null;
      for (String line : headers.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition")) {
          name = attribute(line, "name");
          filename = attribute(line, "filename");
        }
      }
      if (name != null) {
        parts.put(name, new Part(name, filename, Arrays.copyOfRange(body, dataStart, dataEnd)));
      }
      pos = next;
    }
    return parts;
  }

  private static String attribute(String header, String attr) {
    for (String piece : header.split(";")) {
      String p = piece.trim();
      if (p.startsWith(attr + "=")) {
        return unquote(p.substring(attr.length() + 1));
      }
    }
    return null;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  private static int skipCrlf(byte[] b, int i) {
    return i + 1 < b.length && b[i] == '\r' && b[i + 1] == '\n' ? i + 2 : i;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
