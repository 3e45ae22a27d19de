package io.dbsync.emulator.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Notebook languages and the text forms a notebook is exported in: SOURCE (language header line,
 * cells separated by "COMMAND ----------" comments), JUPYTER (ipynb JSON) and HTML.
 */
public enum NotebookFormat {
  PYTHON("py", "#"),
  SCALA("scala", "//"),
  SQL("sql", "--"),
  R("r", "#");

  public final String extension;
  public final String comment;

  NotebookFormat(String extension, String comment) {
    this.extension = extension;
    this.comment = comment;
  }

  public String header() {
    return comment + " Databricks notebook source";
  }

  public String separator() {
    return comment + " COMMAND ----------";
  }

  public static NotebookFormat of(String language) {
    try {
      return valueOf(language.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiException.invalidParameter("Invalid language: " + language);
    }
  }

  /** The language whose extension this is (case-insensitive), or null. */
  public static NotebookFormat byExtension(String ext) {
    for (NotebookFormat f : values()) {
      if (f.extension.equalsIgnoreCase(ext)) {
        return f;
      }
    }
    return null;
  }

  public boolean hasHeader(String text) {
    return text.startsWith(header());
  }

  /** SOURCE export: the stored text, with the header line the server always puts first. */
  public String toSource(String stored) {
    return hasHeader(stored) ? stored : header() + "\n" + stored;
  }

  /** Cell texts of a notebook (header line removed). */
  public List<String> cells(String stored) {
    String body = stored;
    if (hasHeader(body)) {
      int nl = body.indexOf('\n');
      body = nl < 0 ? "" : body.substring(nl + 1);
    }
    List<String> cells = new ArrayList<>();
    for (String cell : body.split("\n*" + Pattern.quote(separator()) + "\n*", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }

  public String toJupyter(String stored, String name) {
    ObjectNode nb = Json.object();
    ArrayNode cells = nb.putArray("cells");
    for (String cell : cells(stored)) {
      ObjectNode c = cells.addObject();
      c.put("cell_type", "code");
      c.putNull("execution_count");
      c.putObject("metadata");
      c.putArray("outputs");
      ArrayNode source = c.putArray("source");
      String[] lines = cell.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        source.add(i < lines.length - 1 ? lines[i] + "\n" : lines[i]);
      }
    }
    ObjectNode meta = nb.putObject("metadata");
    ObjectNode dbx = meta.putObject("application/vnd.databricks.v1+notebook");
    dbx.put("language", name().toLowerCase(Locale.ROOT));
    dbx.put("notebookName", name);
    meta.putObject("language_info").put("name", name().toLowerCase(Locale.ROOT));
    nb.put("nbformat", 4);
    nb.put("nbformat_minor", 0);
    return nb.toPrettyString();
  }

  /** Language an ipynb document declares (Databricks metadata, then language_info), PYTHON if none. */
  public static NotebookFormat jupyterLanguage(JsonNode ipynb) {
    JsonNode meta = ipynb.path("metadata");
    String lang = meta.path("application/vnd.databricks.v1+notebook").path("language").asText(
        meta.path("language_info").path("name").asText("python"));
    NotebookFormat f = byExtension(switch (lang.toLowerCase(Locale.ROOT)) {
      case "python" -> "py";
      case "scala" -> "scala";
      case "sql" -> "sql";
      case "r" -> "r";
      default -> "py";
    });
    return f == null ? PYTHON : f;
  }

  /** Converts ipynb text to the SOURCE form in the given language. */
  public static String fromJupyter(String ipynbText, NotebookFormat lang) {
    JsonNode nb;
    try {
      nb = Json.MAPPER.readTree(ipynbText);
    } catch (Exception e) {
      throw ApiException.badRequest("INVALID_PARAMETER_VALUE", "Unable to parse the Jupyter notebook");
    }
    if (nb == null || !nb.isObject()) {
      throw ApiException.badRequest("INVALID_PARAMETER_VALUE", "Unable to parse the Jupyter notebook");
    }
    List<String> cells = new ArrayList<>();
    for (JsonNode c : nb.path("cells")) {
      StringBuilder sb = new StringBuilder();
      JsonNode src = c.path("source");
      if (src.isArray()) {
        src.forEach(l -> sb.append(l.asText()));
      } else {
        sb.append(src.asText());
      }
      String text = sb.toString().strip();
      if ("markdown".equals(c.path("cell_type").asText())) {
        StringBuilder md = new StringBuilder(lang.comment + " MAGIC %md");
        for (String line : text.split("\n", -1)) {
          md.append('\n').append(lang.comment).append(" MAGIC ").append(line);
        }
        text = md.toString();
      }
      cells.add(text);
    }
    return lang.header() + "\n" + String.join("\n\n" + lang.separator() + "\n\n", cells);
  }

  public String toHtml(String stored, String name) {
    String escaped = toSource(stored).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + name.replace("<", "&lt;")
        + "</title></head><body><pre>" + escaped + "</pre></body></html>\n";
  }

  /** Inverse of {@link #toHtml}: the text of the first pre element. */
  public static String fromHtml(String html) {
    int s = html.indexOf("<pre>");
    int e = html.indexOf("</pre>");
    String text = s >= 0 && e > s ? html.substring(s + 5, e) : html;
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
