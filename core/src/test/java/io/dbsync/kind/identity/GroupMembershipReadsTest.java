package io.dbsync.kind.identity;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.User;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Clients;
import io.dbsync.emulator.Emulator;
import io.dbsync.testing.KindHarness;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adding the members of a group checks each for adoption first; the run reads the group's members
 * once, from the run's group listing when it answers and else with one read of the group, and its own
 * writes keep that read true (issue 14: no wasted SCIM reads, the slowest family).
 */
class GroupMembershipReadsTest {
  static final String GROUP_READ = "GET /api/2.0/preview/scim/v2/Groups/{id}";
  static final String GROUP_LIST = "GET /api/2.0/preview/scim/v2/Groups";

  /** A run that wrote no group: the members come with the group listing, no group is read on its own. */
  @Test
  void membersOfListedGroupsComeFromTheListing() throws Exception {
    try (Emulator emulator = new Emulator().start()) {
      WorkspaceClient client = Clients.forHost(emulator.url(), emulator.token());
      String groupId = client.groups().create(new Group().setDisplayName("data-eng")).getId();
      List<String> userIds = users(client);
      KindHarness.Apply ctx = KindHarness.applying(client);
      emulator.requests().reset();

      addFiveRemoveOneReadAll(ctx, groupId, userIds);
      assertEquals(0, emulator.requests().route(GROUP_READ), "the group's members come from its listing");
      assertEquals(1, emulator.requests().route(GROUP_LIST),
          "one listing (one page, no empty page after it) for five adds, a remove and five reads");
      assertTheWorkspaceHasWhatTheRunSaw(client, groupId, userIds);
    }
  }

  /** A run that wrote groups (created one): its listing no longer answers; the group is read once. */
  @Test
  void aGroupIsReadOnceWhileItsMembersAreAddedAndRemoved() throws Exception {
    try (Emulator emulator = new Emulator().start()) {
      WorkspaceClient client = Clients.forHost(emulator.url(), emulator.token());
      KindHarness.Apply ctx = KindHarness.applying(client);
      String groupId = IdentityFixture.GROUPS.create(ctx, TfJson.object().put("display_name", "data-eng"));
      List<String> userIds = users(client);
      emulator.requests().reset();

      addFiveRemoveOneReadAll(ctx, groupId, userIds);
      assertEquals(1, emulator.requests().route(GROUP_READ), "one read of the group for five adds, a remove and five reads");
      assertTheWorkspaceHasWhatTheRunSaw(client, groupId, userIds);
    }
  }

  private static List<String> users(WorkspaceClient client) {
    List<String> userIds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      userIds.add(client.users().create(new User().setUserName("u" + i + "@example.com")).getId());
    }
    return userIds;
  }

  /** The users made members through the kind, each checked for adoption first; the first removed; all read back. */
  private static void addFiveRemoveOneReadAll(KindHarness.Apply ctx, String groupId, List<String> userIds) throws Exception {
    GroupMemberKind members = IdentityFixture.MEMBERS;
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
  }

  /** A fresh run reads what the first one saw. */
  private static void assertTheWorkspaceHasWhatTheRunSaw(WorkspaceClient client, String groupId, List<String> userIds)
      throws Exception {
    GroupMemberKind members = IdentityFixture.MEMBERS;
    for (String user : userIds) {
      if (!user.equals(userIds.get(0))) {
        assertNotNull(KindHarness.read(members, client, groupId + "|" + user), user);
      } else {
        assertNull(KindHarness.read(members, client, groupId + "|" + user), user);
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
      assertEquals(0, emulator.requests().route(GROUP_READ), "the group is answered by its listing, never read on its own");
      assertEquals(1, emulator.requests().route("GET /api/2.0/preview/scim/v2/Groups"),
          "one listing (one page, no empty page after it) before the batch stays true after it: not listed again");
      for (String user : userIds) {
        assertEquals(!user.equals(userIds.get(5)), KindHarness.read(members, client, groupId + "|" + user) != null, user);
      }
    }
  }
}
