package io.dbsync.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VariableDeclarationsTest {
  @Test
  void defaultsAreWrittenAndMergeDeterministicallyButNeverForSecrets() throws Exception {
    VariableDeclarations v = new VariableDeclarations();
    v.declare("hive_location_sales", "Location of sales", false, "s3://b/sales");
    v.declare("hive_location_sales", "Location", false, "s3://a/sales");
    v.declare("secret_value", "a secret", true, null);
    v.declare("token", "a token", false, "not-a-secret-yet");
    v.declare("token", "a token", true, null);
    v.declare("password", "a password", true, "never written");
    List<String> undeclared = new ArrayList<>();
    ObjectNode doc = v.document(List.of("hive_location_sales", "secret_value", "token", "password", "other"), null,
        undeclared);
    assertEquals(TfJson.MAPPER.readTree("""
        {"variable": {
          "hive_location_sales": {"type": "string", "description": "Location", "default": "s3://a/sales"},
          "other": {"type": "string"},
          "password": {"type": "string", "description": "a password", "sensitive": true},
          "secret_value": {"type": "string", "description": "a secret", "sensitive": true},
          "token": {"type": "string", "description": "a token", "sensitive": true}}}"""), doc,
        "a sensitive variable never keeps a default, whichever declaration said it");
    assertEquals(List.of("other"), undeclared);
  }
}
