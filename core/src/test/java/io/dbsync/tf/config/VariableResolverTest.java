package io.dbsync.tf.config;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariableResolverTest {
  @TempDir
  Path tmp;

  final Map<String, VariableDecl> declared = Map.of(
      "a", new VariableDecl("a", "string", TextNode.valueOf("default-a"), false, null),
      "b", new VariableDecl("b", "string", null, true, null),
      "flag", new VariableDecl("flag", "bool", BooleanNode.FALSE, false, null),
      "PASSIVE", new VariableDecl("PASSIVE", "string", TextNode.valueOf("false"), false, null));

  @Test
  void precedenceDefaultEnvFilesThenOverrides() throws Exception {
    Path tfvars = Files.writeString(tmp.resolve("terraform.tfvars"),
        "# comment\nb = \"from \\\"tfvars\\\"\" // trailing\nflag = true\n/* block\n comment */\n");
    Path json = Files.writeString(tmp.resolve("x.tfvars.json"), "{\"a\": \"from-json\"}");
    List<String> warnings = new ArrayList<>();

    ResolvedVariables v = VariableResolver.resolve(declared, Set.of("a", "b", "flag"),
        Map.of("TF_VAR_a", "from-env", "TF_VAR_b", "env-b", "PATH", "/bin"), List.of(tfvars, json),
        Map.of(), warnings);
    assertEquals("from-json", v.values().get("a").asText());
    assertEquals("from \"tfvars\"", v.values().get("b").asText());
    assertEquals(BooleanNode.TRUE, v.values().get("flag"));
    assertTrue(v.isSensitive("b"));
    assertFalse(v.passive());

    ResolvedVariables o = VariableResolver.resolve(declared, Set.of("a"), Map.of("TF_VAR_a", "env"), List.of(json),
        Map.of("a", "override"), warnings);
    assertEquals("override", o.values().get("a").asText());
  }

  /** Review D18: a --var for a variable the revision does not declare is a typo, not something to ignore. */
  @Test
  void aVarForAnUndeclaredVariableIsAnError() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> VariableResolver.resolve(declared, Set.of("a"),
        Map.of(), List.of(), Map.of("a", "x", "nosuchvar", "1"), new ArrayList<>()));
    assertTrue(e.getMessage().startsWith("--var for undeclared variable(s): nosuchvar"), e.getMessage());
    Path listy = Files.writeString(tmp.resolve("l.tfvars.json"), "{\"a\": [1, 2]}");
    ConfigException list = assertThrows(ConfigException.class, () -> VariableResolver.resolve(declared, Set.of("a"),
        Map.of(), List.of(listy), Map.of(), new ArrayList<>()));
    assertTrue(list.getMessage().contains("must be a string, number or bool, got array"), list.getMessage());
  }

  @Test
  void defaultsAndPassive() throws Exception {
    ResolvedVariables v = VariableResolver.resolve(declared, Set.of("a"), Map.of("TF_VAR_PASSIVE", "True"), List.of(),
        Map.of(), new ArrayList<>());
    assertEquals("default-a", v.values().get("a").asText());
    assertTrue(v.passive());
    assertTrue(VariableResolver.resolve(Map.of(), Set.of(), Map.of("TF_VAR_PASSIVE", "true"), List.of(), Map.of(),
        new ArrayList<>()).passive(), "PASSIVE counts even when the export does not declare it");
  }

  @Test
  void missingOnlyMattersWhenUsed() throws Exception {
    VariableResolver.resolve(declared, Set.of("a"), Map.of(), List.of(), Map.of(), new ArrayList<>());
    ConfigException e = assertThrows(ConfigException.class, () ->
        VariableResolver.resolve(declared, Set.of("a", "b"), Map.of(), List.of(), Map.of(), new ArrayList<>()));
    assertTrue(e.getMessage().contains("b") && e.getMessage().contains("TF_VAR_b"), e.getMessage());
    e = assertThrows(ConfigException.class, () ->
        VariableResolver.resolve(declared, Set.of("nope"), Map.of(), List.of(), Map.of(), new ArrayList<>()));
    assertTrue(e.getMessage().contains("undeclared variable") && e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void badValuesAreRejectedWithoutLeakingSecrets() throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad.tfvars"), "a = [1, 2]\n");
    ConfigException e = assertThrows(ConfigException.class, () ->
        VariableResolver.resolve(declared, Set.of(), Map.of(), List.of(bad), Map.of(), new ArrayList<>()));
    assertTrue(e.getMessage().contains("bad.tfvars:1"), e.getMessage());
    e = assertThrows(ConfigException.class, () ->
        VariableResolver.resolve(declared, Set.of(), Map.of("TF_VAR_flag", "maybe"), List.of(), Map.of(), new ArrayList<>()));
    assertTrue(e.getMessage().contains("flag"), e.getMessage());
  }
}
