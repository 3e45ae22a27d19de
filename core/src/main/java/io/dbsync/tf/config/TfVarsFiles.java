package io.dbsync.tf.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads variable files. *.json: a JSON object of name -> value. Anything else (terraform.tfvars):
 * the simple HCL subset {@code name = "string" | number | true | false}, one per line, with #, //
 * and /* *&#47; comments. Lists, maps and heredocs are rejected with the file and line.
 */
public final class TfVarsFiles {
  private TfVarsFiles() {}

  public static Map<String, String> read(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read variables file " + file + ": " + e.getMessage(), e);
    }
    return file.getFileName().toString().endsWith(".json") ? readJson(file, text) : readHcl(file, text);
  }

  private static Map<String, String> readJson(Path file, String text) throws ConfigException {
    JsonNode n;
    try {
      n = TfJson.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new ConfigException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new ConfigException(file + ": expected a JSON object of variable values");
    }
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (!v.isValueNode() || v.isNull()) {
        // the export declares string, number and bool variables only (review D18)
        throw new ConfigException(file + ": variable " + e.getKey() + " must be a string, number or bool, got "
            + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
      out.put(e.getKey(), v.asText());
    }
    return out;
  }

  private static Map<String, String> readHcl(Path file, String text) throws ConfigException {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> lines = text.lines().toList();
    boolean inBlockComment = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (inBlockComment) {
        int end = line.indexOf("*/");
        if (end < 0) {
          continue;
        }
        line = line.substring(end + 2).strip();
        inBlockComment = false;
      }
      if (line.startsWith("/*")) {
        inBlockComment = !line.contains("*/");
        continue;
      }
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
        continue;
      }
      int eq = line.indexOf('=');
      String where = file + ":" + (i + 1);
      if (eq <= 0) {
        throw new ConfigException(where + ": expected name = value");
      }
      String name = line.substring(0, eq).strip();
      if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
        name = name.substring(1, name.length() - 1);
      }
      if (!name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
        throw new ConfigException(where + ": bad variable name \"" + name + "\"");
      }
      out.put(name, value(line.substring(eq + 1).strip(), where));
    }
    return out;
  }

  private static String value(String v, String where) throws ConfigException {
    if (v.startsWith("\"")) {
      StringBuilder sb = new StringBuilder();
      int i = 1;
      while (i < v.length()) {
        char c = v.charAt(i++);
        if (c == '"') {
          String rest = v.substring(i).strip();
          if (!rest.isEmpty() && !rest.startsWith("#") && !rest.startsWith("//")) {
            throw new ConfigException(where + ": unexpected text after the value");
          }
          return sb.toString();
        }
        if (c == '\\' && i < v.length()) {
          char e = v.charAt(i++);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            default -> throw new ConfigException(where + ": unsupported escape \\" + e);
          }
        } else {
          sb.append(c);
        }
      }
      throw new ConfigException(where + ": unterminated string");
    }
    String bare = v.replaceAll("\\s*(#|//).*$", "");
    if (bare.equals("true") || bare.equals("false") || bare.matches("-?[0-9]+(\\.[0-9]+)?")) {
      return bare;
    }
    throw new ConfigException(where + ": only strings, numbers and bools are supported, got " + v);
  }
}
