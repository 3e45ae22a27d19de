package io.dbsync.mapping;

import io.dbsync.tf.Cloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappingFileTest {
  @TempDir
  Path tmp;

  @Test
  void everySectionIsRead() throws Exception {
    Mapping m = Mapping.parse("""
        node_types: {i3.xlarge: Standard_L8s_v2}
        cloud_attributes: {azure: {first_on_demand: 2}}
        instance_profiles:
          "arn:aws:iam::1:instance-profile/a": null
          "arn:aws:iam::1:instance-profile/b": "arn:aws:iam::2:instance-profile/b"
          "arn:aws:iam::1:instance-profile/c": {uc_credential: cred}
        storage: {"s3://old/": "s3://new/"}
        principals:
          users: {a@old.com: a@new.com}
          groups: {eng: engineering}
          service_principals: {"11111111-1111-1111-1111-111111111111": "22222222-2222-2222-2222-222222222222"}
        workspace_paths: {/Shared/old/: /Shared/new/}
        missing_principals: drop
        fallback_owner: owner@new.com
        """, "m.yaml");
    assertEquals(Map.of("i3.xlarge", "Standard_L8s_v2"), m.nodeTypes());
    assertEquals(2, m.cloudAttributes(Cloud.AZURE).path("first_on_demand").asInt());
    assertNull(m.cloudAttributes(Cloud.AWS));
    assertTrue(m.instanceProfiles().get("arn:aws:iam::1:instance-profile/a").drops());
    assertEquals("arn:aws:iam::2:instance-profile/b", m.instanceProfiles().get("arn:aws:iam::1:instance-profile/b").arn());
    assertEquals("cred", m.instanceProfiles().get("arn:aws:iam::1:instance-profile/c").ucCredential());
    assertEquals(Map.of("s3://old/", "s3://new/"), m.storage());
    assertEquals("a@new.com", m.principals().users().get("a@old.com"));
    assertEquals("engineering", m.principals().groups().get("eng"));
    assertEquals(1, m.principals().servicePrincipals().size());
    assertEquals(Map.of("/Shared/old/", "/Shared/new/"), m.workspacePaths());
    assertEquals(PrincipalPolicy.DROP, m.missingPrincipals());
    assertEquals("owner@new.com", m.fallbackOwner());
  }

  @Test
  void theRunsFlagsOverrideTheFile() throws Exception {
    Mapping m = Mapping.parse("missing_principals: drop\nfallback_owner: a@x.com\n", null);
    assertEquals(PrincipalPolicy.FAIL, m.withPrincipalPolicy(PrincipalPolicy.FAIL, null).missingPrincipals());
    assertEquals("a@x.com", m.withPrincipalPolicy(PrincipalPolicy.FAIL, null).fallbackOwner());
    assertEquals("b@x.com", m.withPrincipalPolicy(null, "b@x.com").fallbackOwner());
    assertEquals(PrincipalPolicy.DROP, m.withPrincipalPolicy(null, null).missingPrincipals());
  }

  @Test
  void mistakesAreOneLineNamingTheKey() {
    assertEquals("mapping file m.yaml: node_type: unknown key (expected one of cloud_attributes, fallback_owner, "
            + "instance_profiles, missing_principals, node_types, principals, storage, workspace_paths)",
        assertThrows(MappingException.class, () -> Mapping.parse("node_type: {a: b}\n", "m.yaml")).getMessage());
    assertEquals("mapping file m.yaml: principals.user: unknown key (expected users, groups or service_principals)",
        assertThrows(MappingException.class, () -> Mapping.parse("principals: {user: {a: b}}\n", "m.yaml")).getMessage());
    assertEquals("mapping file m.yaml: node_types.i3.xlarge: expected a non-empty string",
        assertThrows(MappingException.class, () -> Mapping.parse("node_types: {i3.xlarge: [a]}\n", "m.yaml")).getMessage());
    assertTrue(assertThrows(MappingException.class, () -> Mapping.parse("instance_profiles: {a: {arn: b}}\n", "m.yaml"))
        .getMessage().startsWith("mapping file m.yaml: instance_profiles.a: expected null"));
    assertTrue(assertThrows(MappingException.class, () -> Mapping.parse("missing_principals: ignore\n", "m.yaml"))
        .getMessage().contains("expected create, map, drop or fail"));
    assertTrue(assertThrows(MappingException.class, () -> Mapping.parse("cloud_attributes: {oracle: {}}\n", "m.yaml"))
        .getMessage().contains("cloud_attributes.oracle: unknown cloud"));
    assertTrue(assertThrows(MappingException.class, () -> Mapping.parse("storage: [a]\n", "m.yaml"))
        .getMessage().endsWith("storage: expected a mapping"));
    assertTrue(assertThrows(MappingException.class, () -> Mapping.parse("a: [\n", "m.yaml"))
        .getMessage().startsWith("mapping file m.yaml: not valid YAML"));
    assertEquals("mapping file not found: " + tmp.resolve("none.yaml"),
        assertThrows(MappingException.class, () -> Mapping.load(tmp.resolve("none.yaml"))).getMessage());
  }

  @Test
  void theTemplateIsAllCommentsAndEveryExampleInItParses() throws Exception {
    Path file = tmp.resolve("mapping.yaml");
    Files.writeString(file, Mapping.template());
    Mapping empty = Mapping.load(file);
    assertTrue(empty.nodeTypes().isEmpty() && empty.storage().isEmpty() && empty.principals().isEmpty());
    assertEquals(PrincipalPolicy.CREATE, empty.missingPrincipals());

    Mapping examples = Mapping.parse(uncommentExamples(Mapping.template()), "template");
    for (String key : MappingFile.TOP_LEVEL) {
      assertTrue(Mapping.template().contains("# " + key + ":"), "the template shows " + key);
    }
    assertEquals("Standard_L8s_v2", examples.nodeTypes().get("i3.xlarge"));
    assertEquals("etl_credential",
        examples.instanceProfiles().get("arn:aws:iam::123456789012:instance-profile/etl").ucCredential());
    assertEquals("jane@new.example.com", examples.principals().users().get("jane@old.example.com"));
    assertEquals("platform-admin@example.com", examples.fallbackOwner());
  }

  /** Uncomments each example block: a "# key:" line of a top-level key and the "#   ..." lines under it. */
  static String uncommentExamples(String template) {
    Pattern start = Pattern.compile("^# (" + String.join("|", MappingFile.TOP_LEVEL) + "):.*");
    List<String> out = new ArrayList<>();
    boolean inBlock = false;
    for (String line : template.split("\n")) {
      if (start.matcher(line).matches()) {
        inBlock = true;
        out.add(line.substring(2));
      } else if (inBlock && line.startsWith("#   ")) {
        out.add(line.substring(2));
      } else {
        inBlock = false;
        out.add(line);
      }
    }
    return String.join("\n", out);
  }
}
