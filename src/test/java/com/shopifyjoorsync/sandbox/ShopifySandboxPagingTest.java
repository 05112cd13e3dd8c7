package com.shopifyjoorsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Search filters and keyset pagination, driven over real HTTP. */
class ShopifySandboxPagingTest {

    private static final String PAGE = """
            query Page($first: Int, $after: String, $last: Int, $before: String, $query: String,
                       $sortKey: CustomerSortKeys, $reverse: Boolean) {
              customers(first: $first, after: $after, last: $last, before: $before, query: $query,
                        sortKey: $sortKey, reverse: $reverse) {
                edges { cursor node { legacyResourceId updatedAt tags } }
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              }
            }""";

    private static final String TAGS = "(tag:JOOR_ENABLED OR tag:JOOR OR tag:WHOLESALE)";

    private final Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    private DemoData demo;
    private ShopifySandbox sandbox;
    private ShopifySandboxHttp http;

    @BeforeEach
    void start() {
        demo = DemoData.demo(now);
        sandbox = ShopifySandbox.start(demo);
        http = new ShopifySandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private record Node(long id, Instant updatedAt, List<String> tags) { }

    private record Page(List<Node> nodes, boolean hasNext, boolean hasPrevious, String start, String end) { }

    private Page page(Map<String, Object> vars) {
        ShopifySandboxHttp.Reply r = http.query(PAGE, vars);
        assertThat(r.json().has("errors")).as(r.raw().body()).isFalse();
        JsonNode conn = r.data().path("customers");
        List<Node> nodes = new ArrayList<>();
        for (JsonNode e : conn.path("edges")) {
            JsonNode n = e.path("node");
            List<String> tags = new ArrayList<>();
            n.path("tags").forEach(t -> tags.add(t.asText()));
            nodes.add(new Node(Long.parseLong(n.path("legacyResourceId").asText()),
                    Instant.parse(n.path("updatedAt").asText()), tags));
        }
        JsonNode pi = conn.path("pageInfo");
        return new Page(nodes, pi.path("hasNextPage").asBoolean(), pi.path("hasPreviousPage").asBoolean(),
                pi.path("startCursor").asText(null), pi.path("endCursor").asText(null));
    }

    /** Pages forward through a search and returns every node in the order served. */
    private List<Node> pageAll(String query, String sortKey, int size) {
        List<Node> all = new ArrayList<>();
        String after = null;
        for (int guard = 0; guard < 1000; guard++) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("first", size);
            vars.put("after", after);
            vars.put("query", query);
            vars.put("sortKey", sortKey);
            Page p = page(vars);
            all.addAll(p.nodes());
            if (!p.hasNext()) {
                return all;
            }
            after = p.end();
        }
        throw new AssertionError("paging did not end");
    }

    private List<Long> expected(Predicate<SandboxCustomer> filter) {
        return demo.customers().stream().filter(filter).map(SandboxCustomer::getLegacyResourceId)
                .sorted().collect(Collectors.toList());
    }

    @Test
    void tagOrListAndUpdatedAtPageThroughEveryMatchOnceInOrder() {
        LocalDate since = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(30);
        String query = TAGS + " updated_at:>='" + since + "T00:00:00Z'";

        List<Node> served = pageAll(query, "UPDATED_AT", 25);

        List<Long> want = expected(c -> DemoData.isEligible(c)
                && !LocalDate.ofInstant(c.getUpdatedAt(), ZoneOffset.UTC).isBefore(since));
        List<Long> got = served.stream().map(Node::id).collect(Collectors.toList());
        assertThat(got).doesNotHaveDuplicates();
        assertThat(got).containsExactlyInAnyOrderElementsOf(want);
        assertThat(want.size()).isGreaterThan(75); // several pages
        for (int i = 1; i < served.size(); i++) {
            Node a = served.get(i - 1);
            Node b = served.get(i);
            assertThat(a.updatedAt().isBefore(b.updatedAt())
                    || (a.updatedAt().equals(b.updatedAt()) && a.id() < b.id())).isTrue();
        }
        assertThat(got).doesNotContainAnyElementsOf(DemoData.TRAP_IDS);
        assertThat(sandbox.receivedSearchQueries()).allMatch(query::equals);
    }

    @Test
    void everyEligibleCustomerAndNoTrapByIdPaging() {
        List<Long> got = pageAll(TAGS, "ID", 50).stream().map(Node::id).collect(Collectors.toList());

        assertThat(got).isSorted().doesNotHaveDuplicates();
        assertThat(got).isEqualTo(demo.eligibleIds());
        assertThat(got).contains(DemoData.NO_ADDRESS_ID, DemoData.NON_ASCII_ID, DemoData.FORMULA_COMPANY_ID,
                DemoData.COMMA_QUOTE_COMPANY_ID);
        assertThat(got).doesNotContainAnyElementsOf(DemoData.TRAP_IDS);
    }

    @Test
    void tiesOnUpdatedAtAreBrokenByIdWithoutLoss() {
        List<Long> got = pageAll(null, "UPDATED_AT", 3).stream().map(Node::id).collect(Collectors.toList());
        assertThat(got).hasSize(DemoData.DEMO_SIZE).doesNotHaveDuplicates();
        int at = got.indexOf(DemoData.SAME_SECOND_IDS.get(0));
        assertThat(got.subList(at, at + DemoData.SAME_SECOND_IDS.size())).isEqualTo(DemoData.SAME_SECOND_IDS);
    }

    @Test
    void updatedAtFilterIsDayGranular() {
        // a store of its own: updated at 23:00 on day D, and one a minute before D
        LocalDate d = LocalDate.of(2026, 3, 10);
        Instant lateOnD = d.atTime(23, 0).toInstant(ZoneOffset.UTC);
        sandbox.close();
        sandbox = ShopifySandbox.start(DemoData.empty());
        http = new ShopifySandboxHttp(sandbox);
        sandbox.put(new SandboxCustomer(DemoData.FIRST_ID).setFirstName("Late").setTags("JOOR").setUpdatedAt(lateOnD));
        sandbox.put(new SandboxCustomer(DemoData.FIRST_ID + 1).setFirstName("DayBefore").setTags("JOOR")
                .setUpdatedAt(d.atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(60)));
        sandbox.put(new SandboxCustomer(DemoData.FIRST_ID + 2).setFirstName("NextDay").setTags("JOOR")
                .setUpdatedAt(d.plusDays(1).atTime(0, 30).toInstant(ZoneOffset.UTC)));

        assertThat(ids("updated_at:>='2026-03-10T22:00:00Z'")).containsExactly(DemoData.FIRST_ID, DemoData.FIRST_ID + 2);
        // the time part is ignored and '>' acts as '>=': 23:00 matches "> 23:30" on the same day
        assertThat(ids("updated_at:>'2026-03-10T23:30:00Z'")).containsExactly(DemoData.FIRST_ID, DemoData.FIRST_ID + 2);
        assertThat(ids("updated_at:'2026-03-10T05:00:00Z'")).containsExactly(DemoData.FIRST_ID);
        assertThat(ids("updated_at:<'2026-03-10T01:00:00Z'")).containsExactly(DemoData.FIRST_ID, DemoData.FIRST_ID + 1);
        assertThat(ids("updated_at:>=2026-03-11")).containsExactly(DemoData.FIRST_ID + 2);
        assertThat(ids("tag:joor AND updated_at:<=\"2026-03-09\"")).containsExactly(DemoData.FIRST_ID + 1);
    }

    private List<Long> ids(String query) {
        return pageAll(query, "ID", 10).stream().map(Node::id).collect(Collectors.toList());
    }

    @Test
    void editsDuringPagingBehaveLikeKeysetPaging() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("first", 40);
        vars.put("sortKey", "UPDATED_AT");
        Page p1 = page(vars);
        long alreadyRead = p1.nodes().get(5).id();
        List<Long> rest = expected(c -> true);
        rest.removeAll(p1.nodes().stream().map(Node::id).collect(Collectors.toList()));
        long notYetRead = rest.get(17);

        // both are edited now: they move to the end of the UPDATED_AT order
        sandbox.update(alreadyRead, c -> c.setNote("edited"));
        sandbox.update(notYetRead, c -> c.setNote("edited"));

        List<Node> after = new ArrayList<>();
        String cursor = p1.end();
        while (cursor != null) {
            vars.put("after", cursor);
            Page p = page(vars);
            after.addAll(p.nodes());
            cursor = p.hasNext() ? p.end() : null;
        }
        List<Long> afterIds = after.stream().map(Node::id).collect(Collectors.toList());
        assertThat(afterIds).doesNotHaveDuplicates();
        // the edited, unread one is read exactly once (at its new place); the read one comes again
        assertThat(afterIds.subList(afterIds.size() - 2, afterIds.size()))
                .containsExactlyInAnyOrder(alreadyRead, notYetRead);
        Set<Long> union = new LinkedHashSet<>(p1.nodes().stream().map(Node::id).collect(Collectors.toList()));
        union.addAll(afterIds);
        assertThat(union).hasSize(DemoData.DEMO_SIZE);
        assertThat(sandbox.customer(notYetRead).getNote()).isEqualTo("edited");
    }

    @Test
    void backwardAndReversePaging() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("last", 10);
        vars.put("sortKey", "ID");
        Page tail = page(vars);
        List<Long> all = expected(c -> true);
        assertThat(tail.nodes().stream().map(Node::id).collect(Collectors.toList()))
                .isEqualTo(all.subList(all.size() - 10, all.size()));
        assertThat(tail.hasPrevious()).isTrue();
        assertThat(tail.hasNext()).isFalse();

        vars.put("before", tail.start());
        Page before = page(vars);
        assertThat(before.nodes().stream().map(Node::id).collect(Collectors.toList()))
                .isEqualTo(all.subList(all.size() - 20, all.size() - 10));
        assertThat(before.hasNext()).isTrue();

        Map<String, Object> rev = new HashMap<>();
        rev.put("first", 5);
        rev.put("sortKey", "ID");
        rev.put("reverse", true);
        assertThat(page(rev).nodes().get(0).id()).isEqualTo(all.get(all.size() - 1));
    }

    @Test
    void trapTagsAndCaseVariants() {
        assertThat(ids("tag:JOOR_ENABLED_OLD")).isNotEmpty();
        assertThat(ids("tag:'joor-enabled'")).allMatch(DemoData.TRAP_IDS::contains);
        assertThat(ids("tag:\"WHOLESALE\"")).isEqualTo(ids("tag:wholesale"));
        assertThat(ids("tag:WHOLESALE2")).isNotEmpty().allMatch(DemoData.TRAP_IDS::contains);
        assertThat(ids(TAGS + " tag_not:VIP")).doesNotContainAnyElementsOf(
                expected(c -> c.hasTag("VIP")));
    }
}
