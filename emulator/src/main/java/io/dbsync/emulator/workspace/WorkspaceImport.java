package io.dbsync.emulator.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * workspace/import from a JSON body ({path, format, language, content base64, overwrite}) or a
 * multipart/form-data body with the same fields and a file part named "content".
 */
final class WorkspaceImport {
  private final WorkspaceFamily family;

  WorkspaceImport(WorkspaceFamily family) {
    this.family = family;
  }

  Response importContent(Request req) {
    String rawPath;
    String format;
    String language;
    boolean overwrite;
    byte[] content;
    if (Multipart.isMultipart(req)) {
      Map<String, Multipart.Part> parts = Multipart.parse(req);
      rawPath = text(parts, "path");
      format = text(parts, "format");
      language = text(parts, "language");
      overwrite = "true".equalsIgnoreCase(text(parts, "overwrite"));
      content = parts.containsKey("content") ? parts.get("content").data() : new byte[0];
    } else {
      ObjectNode body = req.json();
      rawPath = Json.text(body, "path");
      format = Json.text(body, "format");
      language = Json.text(body, "language");
      overwrite = body.path("overwrite").asBoolean(false);
      String b64 = Json.text(body, "content");
      try {
        content = b64 == null ? new byte[0] : Base64.getDecoder().decode(b64.replaceAll("\\s", ""));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidParameter("Content is not valid base64");
      }
    }
    if (content.length > WorkspaceFamily.MAX_SIZE) {
      throw ApiException.badRequest("BAD_REQUEST", "File size imported is (" + content.length
          + " bytes), exceeded max size (" + WorkspaceFamily.MAX_SIZE + " bytes)");
    }
    String path = WorkspaceFamily.normalize(rawPath);
    if (path.equals("/")) {
      throw WorkspaceFamily.alreadyExists(path);
    }
    switch (format == null ? "SOURCE" : format) {
      case "SOURCE" -> {
        if (language == null) {
          throw ApiException.invalidParameter("The language must be specified for SOURCE format");
        }
        notebook(path, NotebookFormat.of(language), utf8(content), overwrite);
      }
      case "AUTO" -> auto(path, language, content, overwrite);
      case "RAW" -> file(path, content, overwrite);
      case "JUPYTER" -> jupyter(stripExtension(path, "ipynb"), new String(content, StandardCharsets.UTF_8), overwrite);
      case "HTML" -> notebook(path, NotebookFormat.of(language == null ? "PYTHON" : language),
          NotebookFormat.fromHtml(new String(content, StandardCharsets.UTF_8)), overwrite);
      case "DBC" -> dbc(path, content);
      case "R_MARKDOWN" -> throw ApiException.invalidParameter("Import format R_MARKDOWN is not supported");
      default -> throw WorkspaceExport.badFormat(format);
    }
    return Response.empty();
  }

  /** AUTO: a .py/.scala/.sql/.r file that starts with the notebook header, or an .ipynb, is a notebook. */
  private void auto(String path, String language, byte[] content, boolean overwrite) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    if (ext.equalsIgnoreCase("ipynb")) {
      jupyter(path.substring(0, path.length() - ext.length() - 1), new String(content, StandardCharsets.UTF_8), overwrite);
      return;
    }
    NotebookFormat lang = NotebookFormat.byExtension(ext);
    String text = new String(content, StandardCharsets.UTF_8);
    if (lang != null && lang.hasHeader(text)) {
      notebook(path.substring(0, path.length() - ext.length() - 1), lang, text, overwrite);
    } else if (lang == null && language != null && NotebookFormat.of(language).hasHeader(text)) {
      notebook(path, NotebookFormat.of(language), text, overwrite);
    } else {
      file(path, content, overwrite);
    }
  }

  private void jupyter(String path, String ipynb, boolean overwrite) {
    NotebookFormat lang;
    try {
      lang = NotebookFormat.jupyterLanguage(Json.MAPPER.readTree(ipynb));
    } catch (IOException e) {
      throw ApiException.invalidParameter("Unable to parse the Jupyter notebook");
    }
    notebook(path, lang, NotebookFormat.fromJupyter(ipynb, lang), overwrite);
  }

  private void notebook(String path, NotebookFormat lang, String text, boolean overwrite) {
    checkTarget(path, overwrite);
    family.put(path, WsNode.Type.NOTEBOOK, lang, text.getBytes(StandardCharsets.UTF_8));
  }

  private void file(String path, byte[] content, boolean overwrite) {
    checkTarget(path, overwrite);
    family.put(path, WsNode.Type.FILE, null, content);
  }

  private void checkTarget(String path, boolean overwrite) {
    family.requireParentDirectory(path);
    WsNode existing = family.get(path);
    if (existing != null && (!overwrite || existing.isContainer())) {
      throw WorkspaceFamily.alreadyExists(path);
    }
  }

  /** DBC (the minimal form {@link WorkspaceExport} writes): a new directory of notebooks. */
  private void dbc(String path, byte[] content) {
    family.requireParentDirectory(path);
    if (family.get(path) != null) {
      throw WorkspaceFamily.alreadyExists(path);
    }
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
      family.mkdirsAt(path);
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (entry.isDirectory()) {
          continue;
        }
        String rel = entry.getName();
        int dot = rel.lastIndexOf('.');
        NotebookFormat lang = dot < 0 ? null : NotebookFormat.byExtension(rel.substring(dot + 1));
        if (lang == null) {
          continue;
        }
        String target = WorkspaceFamily.normalize(path + "/" + rel.substring(0, dot));
        family.mkdirsAt(WorkspaceFamily.parentOf(target));
        family.put(target, WsNode.Type.NOTEBOOK, lang, zip.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String stripExtension(String path, String ext) {
    return path.toLowerCase().endsWith("." + ext) ? path.substring(0, path.length() - ext.length() - 1) : path;
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String text(Map<String, Multipart.Part> parts, String name) {
    Multipart.Part p = parts.get(name);
    return p == null ? null : p.text();
  }
}
