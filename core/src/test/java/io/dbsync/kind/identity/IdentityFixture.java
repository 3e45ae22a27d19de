package io.dbsync.kind.identity;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.compute.AddInstanceProfile;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dbsync.config.KindSettings;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.tf.Refs;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Shared pieces of the identity kind tests: SDK seeding, an export context whose reference index is
 * built from the kinds' own listings (as the exporter's list phase does), golden documents, and a
 * small importer that resolves references against a target workspace, creates or adopts each
 * resource, and checks that refreshing it gives back the desired attributes (zero diff).
 */
final class IdentityFixture {
  static final String ARN_ETL = "arn:aws:iam::123456789012:instance-profile/etl";
  static final String ARN_ML = "arn:aws:iam::123456789012:instance-profile/ml";

  static final UserKind USERS = new UserKind();
  static final GroupKind GROUPS = new GroupKind();
  static final ServicePrincipalKind SPS = new ServicePrincipalKind();
  static final GroupMemberKind MEMBERS = new GroupMemberKind();
  static final UserInstanceProfileKind USER_ROLES = new UserInstanceProfileKind();
  static final GroupInstanceProfileKind GROUP_ROLES = new GroupInstanceProfileKind();
  static final List<Kind> ALL = List.of(USERS, SPS, GROUPS, MEMBERS, USER_ROLES, GROUP_ROLES);

  /** Identity kinds write no artifacts; per-object contexts still need a folder. */
  private static final Path TMP_ARTIFACTS = Path.of(System.getProperty("java.io.tmpdir"), "dbsync-identity-tests");

  private IdentityFixture() {}

  // ---------------------------------------------------------------- seeding through the SDK

  static ComplexValue value(String v) {
    return new ComplexValue().setValue(v);
  }

  static List<ComplexValue> values(String... v) {
    List<ComplexValue> out = new ArrayList<>();
    for (String x : v) {
      out.add(value(x));
    }
    return out;
  }

  static void registerInstanceProfiles(WorkspaceClient c, String... arns) {
    for (String arn : arns) {
      c.instanceProfiles().add(new AddInstanceProfile().setInstanceProfileArn(arn).setSkipValidation(true));
    }
  }

  static void addMember(WorkspaceClient c, String groupId, String memberId) {
    c.groups().patch(new PartialUpdate().setId(groupId)
        .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
        .setOperations(List.of(new Patch().setOp(PatchOp.ADD).setPath("members").setValue(values(memberId)))));
  }

  static String groupId(WorkspaceClient c, String displayName) {
    return Scim.findId(c, Scim.Collection.GROUPS, "displayName", displayName).orElseThrow();
  }

  // ---------------------------------------------------------------- export side

  static TestExportContext exportContext(WorkspaceClient c, String settingsYaml, Path tmp) throws IOException {
    JsonNode node = settingsYaml == null ? null : new YAMLMapper().readTree(settingsYaml);
    return new TestExportContext(c, new KindSettings("identity", node), tmp);
  }

  /** Lists the exportable identity kinds, fills the reference index, and returns the listings by type. */
  static Map<String, List<SourceObject>> listAll(TestExportContext ctx, String... instanceProfileArns) throws Exception {
    for (String arn : instanceProfileArns) {
      ctx.index.put("databricks_instance_profile/" + arn, arn.substring(arn.lastIndexOf('/') + 1));
    }
    Map<String, List<SourceObject>> out = new LinkedHashMap<>();
    for (Kind k : List.of(USERS, SPS, GROUPS)) {
      List<SourceObject> listed = k.list(ctx);
      for (SourceObject o : listed) {
        ctx.index.put(k.info().type() + "/" + o.id(), o.name());
      }
      out.put(k.info().type(), listed);
    }
    return out;
  }

  /** Exports every listed object of every exportable identity kind. */
  static List<ExportedResource> exportAll(TestExportContext ctx, Map<String, List<SourceObject>> listed) throws Exception {
    List<ExportedResource> out = new ArrayList<>();
    for (Kind k : List.of(USERS, SPS, GROUPS)) {
      for (SourceObject o : listed.get(k.info().type())) {
        out.addAll(exportOne(ctx, k, o));
      }
    }
    return out;
  }

  /**
   * Exports one object with a context of its own, as the exporter does (one context per object,
   * sharing the reference index); its warnings are collected into the listing context.
   */
  static List<ExportedResource> exportOne(TestExportContext ctx, Kind kind, SourceObject obj) throws Exception {
    TestExportContext own = ctx.sibling(TMP_ARTIFACTS);
    List<ExportedResource> out = KindHarness.export(kind, own, obj);
    ctx.warnings.addAll(own.warnings);
    return out;
  }

  static SourceObject named(List<SourceObject> objects, String name) {
    return objects.stream().filter(o -> o.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no listed object " + name + " in " + objects));
  }

  // ---------------------------------------------------------------- golden files

  /** The Terraform JSON document of one exported file, {"resource": {type: {name: attrs}}}, as the exporter writes it. */
  static String document(List<ExportedResource> resources) {
    ObjectNode doc = TfJson.object();
    for (ExportedResource r : resources) {
      ObjectNode byType = doc.withObjectProperty("resource").withObjectProperty(r.type());
      assertFalse(byType.has(r.name()), "duplicate resource " + r.address());
      byType.set(r.name(), r.attrs());
    }
    return TfJson.write(doc);
  }

  /** Compares with core/src/test/resources/golden/<dir>/<file>; UPDATE_GOLDEN=1 (re)writes it. */
  static void assertGolden(String dir, String file, List<ExportedResource> resources) throws IOException {
    String actual = document(resources);
    Path path = Path.of("src/test/resources/golden", dir, file);
    if ("1".equals(System.getenv("UPDATE_GOLDEN"))) {
      Files.createDirectories(path.getParent());
      Files.writeString(path, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(path), "golden file missing: " + path + " (run with UPDATE_GOLDEN=1)");
    assertEquals(Files.readString(path, StandardCharsets.UTF_8), actual, "golden " + path);
  }

  // ---------------------------------------------------------------- import side

  /**
   * Applies exported resources to a target in the order given (referenced first), the way the engine
   * would: references resolve to target ids, built-in groups through their data source (lookup by
   * display name), instance profiles by ARN; adopt before create. Returns address -> target id.
   */
  static final class Importer {
    final KindHarness.Apply ctx;
    final Map<String, String> ids = new LinkedHashMap<>();
    final Map<String, ObjectNode> desired = new LinkedHashMap<>();
    final List<String> adopted = new ArrayList<>();

    Importer(WorkspaceClient target) {
      this.ctx = KindHarness.applying(target);
    }

    static Kind kind(String type) {
      return ALL.stream().filter(k -> k.info().type().equals(type)).findFirst().orElseThrow();
    }

    ObjectNode resolve(ObjectNode attrs) {
      ObjectNode out = attrs.deepCopy();
      out.fieldNames().forEachRemaining(f -> {
        JsonNode v = out.get(f);
        if (v.isTextual()) {
          out.set(f, TextNode.valueOf(resolve(v.textValue())));
        }
      });
      return out;
    }

    String resolve(String value) {
      Matcher m = Refs.INTERPOLATION.matcher(value);
      if (!m.find()) {
        return value;
      }
      String expr = m.group(1);
      if (expr.startsWith("data.databricks_group.")) {
        return groupId(ctx.client(), expr.split("\\.")[2]);
      }
      if (expr.startsWith("databricks_instance_profile.")) {
        // The instance profile kind keys by ARN; the tests register the same ARNs in the target.
        String name = expr.split("\\.")[1];
        return "arn:aws:iam::123456789012:instance-profile/" + name;
      }
      String address = expr.substring(0, expr.lastIndexOf('.'));
      String id = ids.get(address);
      if (id == null) {
        fail("reference to " + address + " before it was applied");
      }
      return id;
    }

    /** Principals first (users, service principals, groups), then what refers to them. */
    void apply(List<ExportedResource> resources) throws Exception {
      List<String> rank = List.of(UserKind.TYPE, ServicePrincipalKind.TYPE, GroupKind.TYPE);
      List<ExportedResource> ordered = new ArrayList<>(resources);
      ordered.sort(java.util.Comparator.comparingInt(r -> rank.contains(r.type()) ? rank.indexOf(r.type()) : rank.size()));
      for (ExportedResource r : ordered) {
        Kind k = kind(r.type());
        ObjectNode want = resolve(r.attrs());
        var existing = k.adopt(ctx, want);
        String id;
        if (existing.isPresent()) {
          id = existing.get();
          adopted.add(r.address());
          ObjectNode now = k.refresh(ctx, id).orElseThrow();
          if (!now.equals(want)) {
            k.update(ctx, id, want, now);
          }
        } else {
          id = k.create(ctx, want);
        }
        ids.put(r.address(), id);
        desired.put(r.address(), want);
      }
    }

    /** Every applied resource refreshes to exactly its desired attributes. */
    void assertInSync() throws Exception {
      for (Map.Entry<String, ObjectNode> e : desired.entrySet()) {
        Kind k = kind(e.getKey().substring(0, e.getKey().indexOf('.')));
        ObjectNode now = k.refresh(ctx, ids.get(e.getKey())).orElseThrow(() -> new AssertionError(e.getKey() + " missing in target"));
        assertEquals(e.getValue(), now, "refresh of " + e.getKey());
      }
    }
  }
}
