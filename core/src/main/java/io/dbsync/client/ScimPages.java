package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.ListGroupsResponse;
import com.databricks.sdk.service.iam.ListServicePrincipalResponse;
import com.databricks.sdk.service.iam.ListServicePrincipalsRequest;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.ListUsersResponse;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * A SCIM listing (users, groups, service principals) read to its end without the empty page the
 * SDK's paginator asks for after the last one: SCIM reads are a workspace's scarcest budget (about
 * 255 a minute) and every listing paid one more request. A page ends the listing when it is empty,
 * or when it came back shorter than the count asked for and the server's {@code totalResults} says
 * nothing is left: two independent signals, so a server that caps its pages below the count asked
 * for is read on while its total says more are left, and one that leaves {@code totalResults} out
 * is read to its empty page. Items are kept once per id, as the SDK's paginator does (a listing that
 * shifts under concurrent changes may repeat one).
 */
public final class ScimPages {
  /** The page size the SDK asks for when the request names none. */
  public static final long DEFAULT_COUNT = 10_000;

  /** One page: its items (never null) and the server's total, null when it gave none. */
  public record Page<T>(Collection<T> items, Long totalResults) {
    public Page {
      items = items == null ? List.of() : items;
    }
  }

  private ScimPages() {}

  /** Every user the request selects (its filter, attributes; {@code count} per page, default {@link #DEFAULT_COUNT}). */
  public static List<User> users(WorkspaceClient c, ListUsersRequest request) {
    long count = countOf(request.getCount());
    request.setCount(count);
    return all(count, start -> {
      ListUsersResponse r = c.users().impl().list(request.setStartIndex(start));
      return new Page<>(r.getResources(), r.getTotalResults());
    }, User::getId);
  }

  /** Every group the request selects. */
  public static List<Group> groups(WorkspaceClient c, ListGroupsRequest request) {
    long count = countOf(request.getCount());
    request.setCount(count);
    return all(count, start -> {
      ListGroupsResponse r = c.groups().impl().list(request.setStartIndex(start));
      return new Page<>(r.getResources(), r.getTotalResults());
    }, Group::getId);
  }

  /** Every service principal the request selects. */
  public static List<ServicePrincipal> servicePrincipals(WorkspaceClient c, ListServicePrincipalsRequest request) {
    long count = countOf(request.getCount());
    request.setCount(count);
    return all(count, start -> {
      ListServicePrincipalResponse r = c.servicePrincipals().impl().list(request.setStartIndex(start));
      return new Page<>(r.getResources(), r.getTotalResults());
    }, ServicePrincipal::getId);
  }

  /**
   * Every item over the pages {@code fetch} returns for a 1-based start index, {@code count} asked
   * per page; items with an id already seen are dropped (items without an id are all kept).
   */
  public static <T> List<T> all(long count, LongFunction<Page<T>> fetch, Function<T, String> id) {
    List<T> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long start = 1;
    while (true) {
      Page<T> page = fetch.apply(start);
      int n = page.items().size();
      for (T item : page.items()) {
        String key = id.apply(item);
        if (key == null || seen.add(key)) {
          out.add(item);
        }
      }
      if (n == 0 || isLast(start, n, count, page.totalResults())) {
        return out;
      }
      start += n;
    }
  }

  /** A short page that reaches the server's total: no page follows it. */
  static boolean isLast(long start, int itemsOnPage, long count, Long totalResults) {
    return itemsOnPage < count && totalResults != null && start - 1 + itemsOnPage >= totalResults;
  }

  private static long countOf(Long count) {
    return count == null || count <= 0 ? DEFAULT_COUNT : count;
  }
}
