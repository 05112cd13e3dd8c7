package com.shopifyjoorsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 100,000 customers, pages of 250: the numbers a benchmark of the product would see. */
class ShopifySandboxLargeStoreTest {

    private static final String PAGE = """
            query($first: Int!, $after: String, $query: String) {
              customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
                nodes {
                  id legacyResourceId firstName lastName note tags updatedAt
                  defaultAddress { company address1 address2 city provinceCode countryCodeV2 zip phone }
                }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    @Test
    void pagesOf250Over100kCustomersWithoutGapsOrDuplicates() {
        long schemaMs = ShopifySandbox.preloadSchema();
        long t0 = System.nanoTime();
        DemoData data = DemoData.generated(7, 100_000, 0.3, 0.4);
        long genMs = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        try (ShopifySandbox sandbox = ShopifySandbox.start(data)) {
            long startMs = (System.nanoTime() - t0) / 1_000_000;
            sandbox.setUnlimited(true);
            ShopifySandboxHttp http = new ShopifySandboxHttp(sandbox);
            String query = "tag:JOOR_ENABLED OR tag:JOOR OR tag:WHOLESALE";
            Set<String> seen = new HashSet<>();
            List<Long> pageMicros = new ArrayList<>();
            String after = null;
            int pages = 0;
            while (true) {
                Map<String, Object> vars = new HashMap<>();
                vars.put("first", 250);
                vars.put("after", after);
                vars.put("query", query);
                long p0 = System.nanoTime();
                ShopifySandboxHttp.Reply r = http.query(PAGE, vars);
                pageMicros.add((System.nanoTime() - p0) / 1000);
                JsonNode conn = r.data().path("customers");
                conn.path("nodes").forEach(n -> seen.add(n.path("legacyResourceId").asText()));
                pages++;
                if (!conn.path("pageInfo").path("hasNextPage").asBoolean()) {
                    break;
                }
                after = conn.path("pageInfo").path("endCursor").asText();
            }
            long eligible = data.customers().stream().filter(DemoData::isEligible).count();
            assertThat(seen).hasSize((int) eligible);
            assertThat(pages).isEqualTo((int) ((eligible + 249) / 250));

            Collections.sort(pageMicros);
            long median = pageMicros.get(pageMicros.size() / 2);
            long p90 = pageMicros.get(pageMicros.size() * 9 / 10);
            System.out.printf("schema load %d ms; generated(100000) %d ms; start with 100000 %d ms; "
                            + "%d pages of 250 over HTTP: median %.1f ms, p90 %.1f ms, first %.1f ms%n",
                    schemaMs, genMs, startMs, pages, median / 1000.0, p90 / 1000.0, pageMicros.get(0) / 1000.0);
            // timings are printed for whoever reads the log; speed is the benchmark's business, not a test's
        }
    }
}
