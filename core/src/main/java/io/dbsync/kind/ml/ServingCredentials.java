package io.dbsync.kind.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.Rendering;
import io.dbsync.tf.Names;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The credentials of an external model (OpenAI, Anthropic, Bedrock...). Each is given either as a
 * secret reference ({@code openai_api_key = "{{secrets/scope/key}}"}, kept as it is) or in plaintext
 * ({@code openai_api_key_plaintext}), which the API never returns. A required credential that the
 * source shows in neither form was given in plaintext: it becomes a sensitive variable the importer
 * supplies, so the value is never in git, and at refresh it stays write-only (absent).
 */
final class ServingCredentials {
  /**
   * One credential: the path of its block under external_model, the secret-reference field (the
   * plaintext field is its name + "_plaintext"), and when the block needs it.
   */
  private record Credential(List<String> block, String field, Predicate<JsonNode> required) {}

  private static final Predicate<JsonNode> ALWAYS = b -> true;
  private static final List<Credential> ALL = List.of(
      new Credential(List.of("ai21labs_config"), "ai21labs_api_key", ALWAYS),
      new Credential(List.of("amazon_bedrock_config"), "aws_access_key_id", b -> !b.hasNonNull("instance_profile_arn")),
      new Credential(List.of("amazon_bedrock_config"), "aws_secret_access_key", b -> !b.hasNonNull("instance_profile_arn")),
      new Credential(List.of("anthropic_config"), "anthropic_api_key", ALWAYS),
      new Credential(List.of("cohere_config"), "cohere_api_key", ALWAYS),
      new Credential(List.of("databricks_model_serving_config"), "databricks_api_token", ALWAYS),
      new Credential(List.of("google_cloud_vertex_ai_config"), "private_key", ALWAYS),
      new Credential(List.of("openai_config"), "openai_api_key", b -> !b.hasNonNull("microsoft_entra_client_id")),
      new Credential(List.of("openai_config"), "microsoft_entra_client_secret", b -> b.hasNonNull("microsoft_entra_client_id")),
      new Credential(List.of("palm_config"), "palm_api_key", ALWAYS),
      new Credential(List.of("custom_provider_config", "api_key_auth"), "value", ALWAYS),
      new Credential(List.of("custom_provider_config", "bearer_token_auth"), "token", ALWAYS));

  private ServingCredentials() {}

  /**
   * The plaintext credential fields as attribute paths of databricks_model_serving: the API never
   * returns them, so the plan compares them with what the last import applied.
   */
  static Set<String> plaintextPaths() {
    Set<String> out = new TreeSet<>();
    for (Credential c : ALL) {
      out.add("config.served_entities.external_model." + String.join(".", c.block()) + "." + c.field() + "_plaintext");
    }
    return out;
  }

  /**
   * Adds a sensitive variable for every plaintext credential of {@code externalModel} (a copy the
   * caller owns), named after the endpoint and the served entity.
   */
  static void plaintextAsVariables(ObjectNode externalModel, String endpoint, String entity, Rendering r) {
    for (Credential c : ALL) {
      JsonNode block = externalModel;
      for (String part : c.block()) {
        block = block.path(part);
      }
      if (!(block instanceof ObjectNode b)) {
        continue;
      }
      String plaintext = c.field() + "_plaintext";
      b.remove(plaintext); // never echoed by the API; if it ever were, it must not reach git
      if (b.hasNonNull(c.field()) || !c.required().test(b)) {
        continue;
      }
      String value = r.variable(Names.safe("model_serving_" + endpoint + "_" + entity + "_" + plaintext),
          "Plaintext " + c.field() + " of the external model served as " + entity + " by endpoint " + endpoint,
          true, null);
      if (value != null) {
        b.put(plaintext, value);
      }
    }
  }

  /** True when some field of the tree is a plaintext credential. */
  static boolean hasPlaintext(JsonNode n) {
    if (n.isObject()) {
      for (var e : n.properties()) {
        if (e.getKey().endsWith("_plaintext") || hasPlaintext(e.getValue())) {
          return true;
        }
      }
    } else if (n.isArray()) {
      for (JsonNode x : n) {
        if (hasPlaintext(x)) {
          return true;
        }
      }
    }
    return false;
  }
}
