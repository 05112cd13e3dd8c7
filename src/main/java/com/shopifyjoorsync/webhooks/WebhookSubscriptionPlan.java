package com.shopifyjoorsync.webhooks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.shopifyjoorsync.shopify.WebhookSubscription;
import com.shopifyjoorsync.shopify.WebhookSubscriptionChange;
import com.shopifyjoorsync.shopify.WebhookSubscriptionPage;
import com.shopifyjoorsync.shopify.WebhookSubscriptionResult;

/**
 * One run of {@code --register-webhooks URL} (or the subscriptions line of {@code --check}, without
 * a URL): the subscriptions Shopify lists for our topics, what to change so that each topic delivers
 * JSON to the URL, and what came of each change. Idempotent by construction: a topic already
 * delivering JSON to the URL is left alone, so a second run changes nothing.
 */
public final class WebhookSubscriptionPlan {

    /** Shopify's WebhookSubscriptionTopic value of each topic the receiver takes, in print order. */
    static final Map<String, String> TOPICS = topics();

    private final String url;
    private final Map<String, List<WebhookSubscription>> existing = new LinkedHashMap<>();
    private String after;
    private boolean morePages = true;
    private final Deque<WebhookSubscriptionChange> changes = new ArrayDeque<>();
    private WebhookSubscriptionChange current;
    private final Map<String, String> outcome = new LinkedHashMap<>();
    private final Map<String, String> detail = new LinkedHashMap<>();
    private final Set<String> failed = new LinkedHashSet<>();

    /** @param url the public callback URL; null to only read what exists (--check) */
    public WebhookSubscriptionPlan(String url) {
        this.url = url;
    }

    private static Map<String, String> topics() {
        Map<String, String> topics = new LinkedHashMap<>();
        // webhooks API names (customers/update) to GraphQL enum values (CUSTOMERS_UPDATE)
        ShopifyWebhooks.TOPICS.stream().sorted().forEach(t -> topics.put(t,
                t.toUpperCase(Locale.ROOT).replace('/', '_').replace('.', '_')));
        return java.util.Collections.unmodifiableMap(topics);
    }

    public String url() {
        return url;
    }

    public List<String> topicValues() {
        return List.copyOf(TOPICS.values());
    }

    // ------------------------------------------------------------------ what exists

    /** Reading starts (again, after a retry) from the first page. */
    void readFromStart() {
        existing.clear();
        after = null;
        morePages = true;
    }

    boolean morePages() {
        return morePages;
    }

    String after() {
        return after;
    }

    void page(WebhookSubscriptionPage page) {
        for (WebhookSubscription s : page.subscriptions()) {
            existing.computeIfAbsent(s.topic(), t -> new ArrayList<>()).add(s);
        }
        after = page.endCursor();
        morePages = page.hasNextPage();
    }

    private List<WebhookSubscription> of(String topic) {
        return existing.getOrDefault(TOPICS.get(topic), List.of());
    }

    /** Our topics without any subscription. */
    public List<String> missing() {
        return TOPICS.keySet().stream().filter(t -> of(t).isEmpty()).toList();
    }

    /** Our topics with a subscription, none of which delivers JSON (the receiver reads JSON only). */
    public List<String> notJson() {
        return TOPICS.keySet().stream().filter(t -> !of(t).isEmpty()
                && of(t).stream().noneMatch(s -> "JSON".equals(s.format()))).toList();
    }

    /** Where our topics' subscriptions deliver. */
    public Set<String> uris() {
        Set<String> uris = new LinkedHashSet<>();
        TOPICS.keySet().forEach(t -> of(t).forEach(s -> uris.add(s.uri())));
        return uris;
    }

    // ------------------------------------------------------------------ changes

    /** For each topic: left alone when a subscription delivers JSON to the URL, else one updated or created. */
    void plan() {
        changes.clear();
        for (String topic : TOPICS.keySet()) {
            List<WebhookSubscription> subscriptions = of(topic);
            WebhookSubscription there = subscriptions.stream().filter(s -> url.equals(s.uri())).findFirst().orElse(null);
            if (there != null && "JSON".equals(there.format())) {
                outcome.put(topic, "unchanged");
                detail.put(topic, url + " " + there.id() + others(subscriptions, there));
            } else if (there != null || !subscriptions.isEmpty()) {
                // the oldest elsewhere is moved here: another deployment's, or this one's old address
                WebhookSubscription moved = there != null ? there : subscriptions.get(0);
                changes.add(new WebhookSubscriptionChange(TOPICS.get(topic), moved.id(), url));
                detail.put(topic, "was " + moved.uri() + " (" + moved.format() + ")" + others(subscriptions, moved));
            } else {
                changes.add(new WebhookSubscriptionChange(TOPICS.get(topic), null, url));
                detail.put(topic, "");
            }
        }
    }

    private static String others(List<WebhookSubscription> all, WebhookSubscription kept) {
        List<String> others = all.stream().filter(s -> s != kept).map(s -> s.uri() + " " + s.id()).toList();
        return others.isEmpty() ? "" : "; also subscribed, left as is: " + String.join(", ", others);
    }

    boolean changesLeft() {
        return !changes.isEmpty();
    }

    WebhookSubscriptionChange next() {
        current = changes.poll();
        return current;
    }

    /** Shopify's answer to the current change. */
    void changed(WebhookSubscriptionResult result) {
        String topic = topicOf(current.topic());
        String before = detail.getOrDefault(topic, "");
        if (result.subscription() != null) {
            outcome.put(topic, current.creates() ? "created" : "updated");
            detail.put(topic, result.subscription().uri() + " " + result.subscription().id()
                    + (before.isEmpty() ? "" : "; " + before));
        } else if (current.creates() && result.userErrors().stream().anyMatch(e -> e.contains("already been taken"))) {
            // a create retried after its answer was lost: Shopify has it already
            outcome.put(topic, "unchanged");
            detail.put(topic, url + " (Shopify: " + String.join("; ", result.userErrors()) + ")");
        } else {
            outcome.put(topic, "FAILED");
            failed.add(topic);
            detail.put(topic, "Shopify refused " + (current.creates() ? "webhookSubscriptionCreate" : "webhookSubscriptionUpdate")
                    + ": " + String.join("; ", result.userErrors()) + (before.isEmpty() ? "" : "; " + before));
        }
    }

    private static String topicOf(String value) {
        return TOPICS.entrySet().stream().filter(e -> e.getValue().equals(value)).map(Map.Entry::getKey).findFirst()
                .orElse(value);
    }

    // ------------------------------------------------------------------ the command's output

    public boolean failed() {
        return !failed.isEmpty() || outcome.size() < TOPICS.size();
    }

    /** One line per topic (what it delivers to now, what it was), then the count. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (String topic : TOPICS.keySet()) {
            String done = outcome.getOrDefault(topic, "NOT DONE");
            switch (done) {
                case "created" -> created++;
                case "updated" -> updated++;
                case "unchanged" -> unchanged++;
                default -> { }
            }
            lines.add(String.format(Locale.ROOT, "%-22s %-10s %s", topic, done,
                    outcome.containsKey(topic) ? detail.getOrDefault(topic, "") : "the run stopped before this topic"));
        }
        int notDone = TOPICS.size() - created - updated - unchanged;
        lines.add((notDone == 0 ? "WEBHOOKS REGISTERED" : "WEBHOOKS NOT REGISTERED") + ": " + url + " for "
                + (TOPICS.size() - notDone) + " of " + TOPICS.size() + " topics (" + created + " created, " + updated
                + " updated, " + unchanged + " unchanged" + (notDone == 0 ? "" : ", " + notDone + " failed") + ")");
        return lines;
    }
}
