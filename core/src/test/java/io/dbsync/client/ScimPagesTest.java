package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.User;
import io.dbsync.emulator.Emulator;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScimPagesTest {
  private static final String USERS = "GET /api/2.0/preview/scim/v2/Users";

  @Test
  void aShortPageThatReachesTheTotalEndsTheListingWithoutAskingForAnEmptyOne() {
    try (TestWorkspace ws = TestWorkspace.start()) {
      WorkspaceClient c = ws.client();
      for (int i = 0; i < 24; i++) {
        c.users().create(new User().setUserName("u" + i + "@example.com"));
      }
      Emulator e = ws.emulator();
      e.requests().reset();
      List<User> users = ScimPages.users(c, new ListUsersRequest().setCount(10L));
      assertEquals(25, users.size(), "24 created + the caller"); // the emulator's admin
      assertEquals(25, new HashSet<>(users.stream().map(User::getId).toList()).size());
      assertEquals(3, e.requests().route(USERS), "pages at 1, 11, 21; no 4th, empty page");

      e.requests().reset();
      int sdk = 0;
      for (User ignored : c.users().list(new ListUsersRequest().setCount(10L))) {
        sdk++;
      }
      assertEquals(25, sdk);
      assertEquals(4, e.requests().route(USERS), "the SDK's paginator asks for the empty page after the last");
    }
  }

  @Test
  void aFullLastPageIsFollowedByTheEmptyPageThatConfirmsIt() {
    try (TestWorkspace ws = TestWorkspace.start()) {
      WorkspaceClient c = ws.client();
      for (int i = 0; i < 9; i++) {
        c.groups().create(new Group().setDisplayName("g" + i));
      }
      ws.emulator().requests().reset();
      List<Group> groups = ScimPages.groups(c, new ListGroupsRequest().setCount(11L));
      assertEquals(11, groups.size(), "9 created + admins + users");
      assertEquals(2, ws.emulator().requests().route("GET /api/2.0/preview/scim/v2/Groups"),
          "a page as long as the count asked for may not be the last, whatever the total says");
    }
  }

  @Test
  void withoutATotalTheListingReadsOnToAnEmptyPage() {
    List<Long> asked = new ArrayList<>();
    List<String> all = ScimPages.all(2, start -> {
      asked.add(start);
      return new ScimPages.Page<>(slice(List.of("a", "b", "c"), start, 2), null);
    }, Function.identity());
    assertEquals(List.of("a", "b", "c"), all);
    assertEquals(List.of(1L, 3L, 4L), asked);
  }

  @Test
  void aServerThatCapsItsPagesBelowTheCountIsReadToItsTotal() {
    List<String> items = List.of("a", "b", "c", "d", "e", "f", "g");
    List<Long> asked = new ArrayList<>();
    List<String> all = ScimPages.all(100, start -> {
      asked.add(start);
      return new ScimPages.Page<>(slice(items, start, 3), (long) items.size());
    }, Function.identity());
    assertEquals(items, all, "pages of 3 while 100 were asked for: the total says more are left");
    assertEquals(List.of(1L, 4L, 7L), asked, "the third page is short and reaches the total: no 4th");
  }

  @Test
  void anItemRepeatedByAShiftingListingIsKeptOnceAndItemsWithoutAnIdAreAllKept() {
    List<List<String>> pages = List.of(List.of("a", "b"), List.of("b", "c"), List.of());
    List<String> all = ScimPages.all(2, start -> new ScimPages.Page<>(pages.get((int) (start - 1) / 2), null),
        Function.identity());
    assertEquals(List.of("a", "b", "c"), all);
    assertEquals(List.of("x", "x"), ScimPages.all(5, start -> new ScimPages.Page<>(start == 1 ? List.of("x", "x") : null, 2L),
        s -> null));
  }

  private static List<String> slice(List<String> items, long start, int size) {
    int from = (int) Math.min(items.size(), start - 1);
    return items.subList(from, Math.min(items.size(), from + size));
  }
}
