package io.dbsync.kind.uc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.KindSettings;
import io.dbsync.emulator.Json;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Unity Catalog kind tests: a seeded emulated workspace and the exporter's step for every listed object. */
final class UcFixture {
  /** A credential and a location over s3://lake/root/ (trailing slash), a catalog, a schema: what most tests need. */
  static final String BASE = """
      {"unity_catalog": {
        "storage_credentials": [{"name": "cred", "aws_iam_role": {"role_arn": "arn:aws:iam::1:role/r"}}],
        "external_locations": [{"name": "lake", "url": "s3://lake/root/", "credential_name": "cred"}],
        "catalogs": [{"name": "main", "storage_root": "s3://lake/root/main"}],
        "schemas": [{"catalog_name": "main", "name": "sales"}]}}""";

  private UcFixture() {}

  static TestWorkspace workspace(String... seeds) {
    TestWorkspace ws = TestWorkspace.start();
    for (String seed : seeds) {
      ws.emulator().seed(Json.parse(seed));
    }
    return ws;
  }

  static TestExportContext exporting(TestWorkspace ws, String settingsJson, Path tmp) {
    return KindHarness.exporting(ws.client(), new KindSettings(UcKind.CONFIG_KEY, Json.parse(settingsJson)), tmp);
  }

  /** Lists the kind and exports every object, as the exporter does: object id -> its file's resources. */
  static Map<String, List<ExportedResource>> export(Kind kind, TestExportContext ctx) throws IOException {
    Map<String, List<ExportedResource>> out = new LinkedHashMap<>();
    for (SourceObject o : kind.list(ctx)) {
      out.put(o.id(), KindHarness.export(kind, ctx, o));
    }
    return out;
  }

  /** The attributes of the one resource of {@code type} among {@code resources}. */
  static ObjectNode only(List<ExportedResource> resources, String type) {
    List<ExportedResource> of = resources.stream().filter(r -> r.type().equals(type)).toList();
    if (of.size() != 1) {
      throw new AssertionError("one " + type + " expected in " + resources);
    }
    return of.get(0).attrs();
  }
}
