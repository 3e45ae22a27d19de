package io.dbsync.kind.identity;

import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import io.dbsync.emulator.RequestLog;
import io.dbsync.kind.ExportedResource;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.dbsync.kind.identity.IdentityFixture.ARN_ETL;
import static io.dbsync.kind.identity.IdentityFixture.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentitySelectionTest {
  private static final String SCIM = "/api/2.0/preview/scim/v2/";

  @TempDir
  Path tmp;

  @Test
  void anyPatternSelectsAndByFiltersOnScimFields() throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      var c = src.client();
      String ann = c.users().create(new User().setUserName("ann@corp.com").setDisplayName("Ann")).getId();
      c.users().create(new User().setUserName("bob@corp.com").setDisplayName("Bob"));
      c.users().create(new User().setUserName("ann@other.com").setDisplayName("Ann O"));
      c.groups().create(new Group().setDisplayName("eng").setMembers(values(ann)));

      TestExportContext both = IdentityFixture.exportContext(c, "patterns: ['ann@*', '*@corp.com']", tmp);
      assertEquals(java.util.Set.of("admin@example.com", "ann@corp.com", "bob@corp.com", "ann@other.com"),
          new java.util.HashSet<>(userNames(both)), "a name matching any pattern is selected (the seed's rule)");
      TestExportContext corpOnly = IdentityFixture.exportContext(c, "patterns: ['*@corp.com']", tmp);
      assertEquals(java.util.Set.of("admin@example.com", "ann@corp.com", "bob@corp.com"), new java.util.HashSet<>(userNames(corpOnly)),
          "the admin is always exported; other users only when a pattern matches");

      TestExportContext byGroup = IdentityFixture.exportContext(c, "by: {groups.display: eng}", tmp);
      assertEquals(List.of("admin@example.com", "ann@corp.com"), userNames(byGroup), "by filters on raw SCIM fields");
      assertEquals(List.of("admins", "users"), IdentityFixture.GROUPS.list(byGroup).stream().map(o -> o.name()).toList(),
          "groups without a groups.display field are not selected; built-ins always are");
    }
  }

  private static List<String> userNames(TestExportContext ctx) {
    return IdentityFixture.USERS.list(ctx).stream().map(o -> o.details().get("userName").asText()).toList();
  }

  @Test
  void wholeIdentityExportListsEachCollectionOnceAndReadsNoObject() throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      List<String> userIds = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        userIds.add(src.client().users().create(new User().setUserName("u" + i + "@example.com")).getId());
      }
      src.client().servicePrincipals().create(new ServicePrincipal().setDisplayName("bot"));
      for (int g = 0; g < 5; g++) {
        src.client().groups().create(new Group().setDisplayName("g" + g).setMembers(values(userIds.get(g), userIds.get(g + 5))));
      }
      RequestLog log = src.emulator().requests();
      log.reset();
      TestExportContext ctx = IdentityFixture.exportContext(src.client(), null, tmp);
      List<ExportedResource> out = IdentityFixture.exportAll(ctx, IdentityFixture.listAll(ctx));

      assertEquals(26 + 1 + 5 + 10 + 1, out.size(), "26 users, 1 SP, 5 groups, 10 memberships, the admin in admins");
      // A constant number of requests, whatever the number of objects: each collection is listed once
      // for all three kinds (the group kind resolves members against the same listings), in one page
      // here (no empty page after it), and Me is asked once.
      assertListings(log, "Users", 1);
      assertListings(log, "Groups", 1);
      assertListings(log, "ServicePrincipals", 1);
      assertEquals(1, log.route("GET " + SCIM + "Me"));
      assertEquals(0, log.route("GET " + SCIM + "Users/{id}") + log.route("GET " + SCIM + "Groups/{id}")
          + log.route("GET " + SCIM + "ServicePrincipals/{id}"), "no per-object reads: " + log.toJson());
      assertEquals(0, log.writes());
    }
  }

  private static void assertListings(RequestLog log, String collection, int listings) {
    assertEquals(listings, log.route("GET " + SCIM + collection), collection + ": " + log.toJson());
  }

  @Test
  void rolesThatAreNotInstanceProfilesAreReportedNotExported() throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      IdentityFixture.registerInstanceProfiles(src.client(), ARN_ETL);
      src.client().users().create(new User().setUserName("jane@example.com")
          .setRoles(values(ARN_ETL, "arn:aws:iam::123456789012:role/not-a-profile")));
      TestExportContext ctx = IdentityFixture.exportContext(src.client(), null, tmp);
      var jane = IdentityFixture.named(IdentityFixture.USERS.list(ctx), Names.safe("jane@example.com"));
      List<ExportedResource> out = KindHarness.export(IdentityFixture.USERS, ctx, jane);
      assertEquals(List.of(UserKind.TYPE, UserInstanceProfileKind.TYPE), out.stream().map(ExportedResource::type).toList());
      assertEquals(1, ctx.warnings.size());
      assertTrue(ctx.warnings.get(0).contains("role/not-a-profile"), ctx.warnings.get(0));
    }
  }
}
