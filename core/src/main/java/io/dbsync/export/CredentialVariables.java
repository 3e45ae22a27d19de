package io.dbsync.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.report.Problem;
import io.dbsync.tf.Names;
import io.dbsync.tf.Refs;
import io.dbsync.tf.Templates;
import io.dbsync.tf.UrlCredentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Keeps credentials embedded in URLs out of git (review D4): before a resource is written, every
 * user:password part and signed query string in any of its strings becomes a sensitive variable
 * ("s3a://${var.credentials_...}@bucket"), supplied at import like a secret value, masked in plans and
 * hashed in the state. Each replacement is reported as a warning naming the variable.
 */
final class CredentialVariables {
  private final VariableDeclarations variables;
  private final Queue<Problem> warnings;

  CredentialVariables(VariableDeclarations variables, Queue<Problem> warnings) {
    this.variables = variables;
    this.warnings = warnings;
  }

  /** Replaces the credentials in a resource's attributes, in place. */
  void strip(String type, String name, ObjectNode attrs) {
    walk(type, name, attrs, "");
  }

  private JsonNode walk(String type, String name, JsonNode n, String path) {
    if (n instanceof ObjectNode obj) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(obj.properties());
      for (Map.Entry<String, JsonNode> e : entries) {
        obj.set(e.getKey(), walk(type, name, e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
      }
      return obj;
    }
    if (n instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        arr.set(i, walk(type, name, arr.get(i), path + "." + i));
      }
      return arr;
    }
    if (n != null && n.isTextual() && !UrlCredentials.find(n.asText()).isEmpty()) {
      int[] count = {0};
      String replaced = UrlCredentials.replace(n.asText(), span -> {
        String var = Names.safe("credentials_" + type.replaceFirst("^databricks_", "") + "_" + name + "_" + path
            + (count[0]++ == 0 ? "" : "_" + count[0]));
        variables.declare(var, (span.query() ? "Signed query string" : "Credentials (user:password)")
            + " removed from a URL in " + type + "." + name + " (" + path + ")", true, null);
        warnings.add(new Problem(type, name, "credentials in a URL (" + path + ") were replaced by the sensitive variable "
            + var + "; supply it at import"));
        return Templates.expression(Refs.var(var));
      });
      return TextNode.valueOf(replaced);
    }
    return n;
  }
}
