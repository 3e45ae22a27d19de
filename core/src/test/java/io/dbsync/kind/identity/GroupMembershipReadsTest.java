package io.dbsync.kind.identity;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.User;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Clients;
import io.dbsync.emulator.Emulator;
import io.dbsync.testing.KindHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adding the members of a group checks each for adoption first; the run reads the group once, and
 * its own writes keep that read true (issue 14: no wasted SCIM reads, the slowest family).
 */
class GroupMembershipReadsTest {
  static final String GROUP_READ = "GET /api/2.0/preview/scim/v2/Groups/{id}";

  @Test
  void aGroupIsReadOnceWhileItsMembersAreAddedAndRemoved() throws Exception {
    try (Emulator emulator = new Emulator().start()) {
      WorkspaceClient client = Clients.forHost(emulator.url(), emulator.token());
      String groupId = client.groups().create(new Group().setDisplayName("data-eng")).getId();
      List<String> userIds = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        userIds.add(client.users().create(new User().setUserName("u" + i + "@example.com")).getId());
      }
      GroupMemberKind members = IdentityFixture.MEMBERS;
      KindHarness.Apply ctx = KindHarness.applying(client);
      emulator.requests().reset();

      for (String user : userIds) {
        ObjectNode attrs = members.attrs(groupId, user);
        assertTrue(members.adopt(ctx, attrs).isEmpty(), "not a member yet: " + user);
        assertEquals(groupId + "|" + user, members.create(ctx, attrs));
      }
      members.delete(ctx, groupId + "|" + userIds.get(0), members.attrs(groupId, userIds.get(0)));
      for (String user : userIds) {
        boolean kept = !user.equals(userIds.get(0));
        assertEquals(kept, members.read(ctx, groupId + "|" + user) != null, "the run's view of " + user);
      }
      assertEquals(1, emulator.requests().route(GROUP_READ), "one read of the group for five adds, a remove and five reads");

      // the run's view was the workspace's
      for (String user : userIds) {
        boolean kept = !user.equals(userIds.get(0));
        if (kept) {
          assertNotNull(KindHarness.read(members, client, groupId + "|" + user), user);
        } else {
          assertNull(KindHarness.read(members, client, groupId + "|" + user), user);
        }
      }
    }
  }

  /** One PATCH adds several members; the group's read kept by the run takes them all in. */
  @Test
  void aBatchOfMembersIsOnePatchAndTheReadStaysTrue() throws Exception {
    try (Emulator emulator = new Emulator().start()) {
      WorkspaceClient client = Clients.forHost(emulator.url(), emulator.token());
      String groupId = client.groups().create(new Group().setDisplayName("data-eng")).getId();
      List<String> userIds = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        userIds.add(client.users().create(new User().setUserName("u" + i + "@example.com")).getId());
      }
      GroupMemberKind members = IdentityFixture.MEMBERS;
      KindHarness.Apply ctx = KindHarness.applying(client);
      emulator.requests().reset();

      List<ObjectNode> batch = new ArrayList<>();
      for (String user : userIds.subList(0, 5)) {
        assertTrue(members.adopt(ctx, members.attrs(groupId, user)).isEmpty(), "not a member yet: " + user);
        batch.add(members.attrs(groupId, user));
      }
      assertEquals(userIds.subList(0, 5).stream().map(u -> groupId + "|" + u).toList(), members.createAll(ctx, batch));
      assertEquals(1, emulator.requests().route("PATCH /api/2.0/preview/scim/v2/Groups/{id}"));
      for (String user : userIds) {
        assertEquals(!user.equals(userIds.get(5)), members.read(ctx, groupId + "|" + user) != null, "the run's view of " + user);
      }
      assertEquals(1, emulator.requests().route(GROUP_READ), "the read before the batch stays true after it");
      for (String user : userIds) {
        assertEquals(!user.equals(userIds.get(5)), KindHarness.read(members, client, groupId + "|" + user) != null, user);
      }
    }
  }
}
