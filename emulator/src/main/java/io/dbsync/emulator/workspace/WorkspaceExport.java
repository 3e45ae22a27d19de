package io.dbsync.emulator.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * workspace/export: notebooks as SOURCE/AUTO (header form), JUPYTER, HTML, R_MARKDOWN (R only) or
 * DBC; files as their bytes (AUTO/RAW/SOURCE); directories as a zip (SOURCE/AUTO, AUTO includes
 * files) or DBC. The DBC produced here is minimal: a zip whose entries are the SOURCE forms of the
 * notebooks, named by relative path plus language extension ({@link WorkspaceImport} reads it back).
 * A Lakeview dashboard exports like a file: its serialized JSON.
 */
final class WorkspaceExport {
  private final WorkspaceFamily family;

  WorkspaceExport(WorkspaceFamily family) {
    this.family = family;
  }

  record Exported(byte[] content, String fileType) {}

  Response export(Request req) {
    String path = WorkspaceFamily.normalize(req.requireQ("path"));
    String format = req.q("format") == null ? "SOURCE" : req.q("format");
    WsNode node = family.require(path);
    Exported out = switch (node.type) {
      case NOTEBOOK -> notebook(node, format);
      case FILE, DASHBOARD -> file(node, format);
      case DIRECTORY, REPO -> directory(node, format);
    };
    if (out.content.length > WorkspaceFamily.MAX_SIZE) {
      throw ApiException.badRequest("BAD_REQUEST", "Size exceeds " + WorkspaceFamily.MAX_SIZE + " bytes");
    }
    if ("true".equalsIgnoreCase(req.q("direct_download"))) {
      return Response.bytes(200, out.content, "application/octet-stream");
    }
    ObjectNode body = Json.object();
    body.put("content", Base64.getEncoder().encodeToString(out.content));
    body.put("file_type", out.fileType);
    return Response.ok(body);
  }

  private Exported notebook(WsNode node, String format) {
    String text = new String(node.content, StandardCharsets.UTF_8);
    NotebookFormat lang = node.language;
    return switch (format) {
      case "SOURCE", "AUTO" -> new Exported(utf8(lang.toSource(text)), lang.extension);
      case "JUPYTER" -> new Exported(utf8(lang.toJupyter(text, node.name())), "ipynb");
      case "HTML" -> new Exported(utf8(lang.toHtml(text, node.name())), "html");
      case "R_MARKDOWN" -> {
        if (lang != NotebookFormat.R) {
          throw ApiException.invalidParameter("R_MARKDOWN export is only supported for R notebooks");
        }
        yield new Exported(utf8("```{r}\n" + String.join("\n```\n\n```{r}\n", lang.cells(text)) + "\n```\n"), "Rmd");
      }
      case "DBC" -> new Exported(zip(node, WorkspaceFamily.parentOf(node.path), false), "dbc");
      case "RAW" -> throw ApiException.invalidParameter("Export format RAW is not supported for notebooks");
      default -> throw badFormat(format);
    };
  }

  private Exported file(WsNode node, String format) {
    return switch (format) {
      case "SOURCE", "AUTO", "RAW" -> {
        String name = node.name();
        int dot = name.lastIndexOf('.');
        yield new Exported(node.content, dot < 0 ? "" : name.substring(dot + 1));
      }
      case "JUPYTER", "HTML", "DBC", "R_MARKDOWN" ->
          throw ApiException.invalidParameter("Export format " + format + " is not supported for files");
      default -> throw badFormat(format);
    };
  }

  private Exported directory(WsNode node, String format) {
    return switch (format) {
      case "DBC" -> new Exported(zip(node, node.path, false), "dbc");
      case "SOURCE" -> new Exported(zip(node, node.path, false), "zip");
      case "AUTO" -> new Exported(zip(node, node.path, true), "zip");
      case "RAW", "JUPYTER", "HTML", "R_MARKDOWN" ->
          throw ApiException.invalidParameter("Export format " + format + " is not supported for directories");
      default -> throw badFormat(format);
    };
  }

  /** Zip of the notebooks (and, with files, workspace files) at or below node, relative to base. */
  private byte[] zip(WsNode node, String base, boolean withFiles) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      Iterable<WsNode> members = node.isContainer() ? family.descendants(node.path) : List.of(node);
      String prefix = base.equals("/") ? "/" : base + "/";
      for (WsNode n : members) {
        String rel = n.path.substring(prefix.length());
        if (n.type == WsNode.Type.NOTEBOOK) {
          zip.putNextEntry(new ZipEntry(rel + "." + n.language.extension));
          zip.write(utf8(n.language.toSource(new String(n.content, StandardCharsets.UTF_8))));
          zip.closeEntry();
        } else if (n.type == WsNode.Type.FILE && withFiles) {
          zip.putNextEntry(new ZipEntry(rel));
          zip.write(n.content);
          zip.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static ApiException badFormat(String format) {
    return ApiException.invalidParameter("Invalid format: " + format
        + ". Valid formats are SOURCE, HTML, JUPYTER, DBC, R_MARKDOWN, AUTO, RAW.");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
