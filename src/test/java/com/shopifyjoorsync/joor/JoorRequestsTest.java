package com.shopifyjoorsync.joor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class JoorRequestsTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final JoorRequests requests = new JoorRequests(mapper);

    private Exchange leftoverExchange() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_URI, "https://example.myshopify.com/admin/api/graphql.json");
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, "old=1");
        exchange.getMessage().setHeader(Exchange.HTTP_RAW_QUERY, "old=1");
        exchange.getMessage().setBody("previous body");
        return exchange;
    }

    private ObjectNode connection(String code, String name) {
        ObjectNode c = mapper.createObjectNode().put("customer_code", code).put("customer_name", name);
        c.putObject("billing").putObject("billing_addresses").putArray("billing_address").addObject().put("city", "Paris");
        return c;
    }

    @Test
    void bulkConnectionWrapsTheBatchInJoorsEnvelope() {
        Exchange exchange = leftoverExchange();
        List<ObjectNode> batch = List.of(connection("9007199254740993", "Shop A"), connection("42", "Shop \"B\""));
        exchange.getMessage().setBody(batch);

        requests.bulkConnection(exchange);

        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("{\"bulk_connections\":{\"connection\":["
                + "{\"customer_code\":\"9007199254740993\",\"customer_name\":\"Shop A\","
                + "\"billing\":{\"billing_addresses\":{\"billing_address\":[{\"city\":\"Paris\"}]}}},"
                + "{\"customer_code\":\"42\",\"customer_name\":\"Shop \\\"B\\\"\","
                + "\"billing\":{\"billing_addresses\":{\"billing_address\":[{\"city\":\"Paris\"}]}}}]}}");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_PATH)).isEqualTo("/bulk-connection");
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKeys(Exchange.HTTP_QUERY, Exchange.HTTP_URI,
                Exchange.HTTP_RAW_QUERY);
        assertThat(exchange.getProperty(JoorRequests.BULK_BATCH_PROPERTY)).isEqualTo(batch);
    }

    @Test
    void bulkConnectionRefusesEmptyBatchesAndConnectionsWithoutCode() {
        Exchange exchange = leftoverExchange();
        exchange.getMessage().setBody(List.of());
        assertThatThrownBy(() -> requests.bulkConnection(exchange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-empty");

        exchange.getMessage().setBody(List.of(connection("1", "A"), mapper.createObjectNode().put("customer_name", "B")));
        assertThatThrownBy(() -> requests.bulkConnection(exchange)).hasMessageContaining("element 1 has no customer_code");
    }

    @Test
    void listPageIsAGetOfTheConnectionListWithOffsetAndCount() {
        Exchange exchange = leftoverExchange();

        requests.listPage(2000, exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_METHOD)).isEqualTo("GET");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_PATH)).isEqualTo("/connection/");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_QUERY)).isEqualTo("start_from=2000&count=1000");
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKeys(Exchange.HTTP_URI, Exchange.HTTP_RAW_QUERY);
        assertThat(exchange.getMessage().getBody()).isNull();
    }

    @Test
    void jobStatusIsAGetOfTheJob() {
        Exchange exchange = leftoverExchange();

        requests.jobStatus(123456789012L, exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_METHOD)).isEqualTo("GET");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_PATH)).isEqualTo("/bulk-connection/123456789012");
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKeys(Exchange.HTTP_QUERY, Exchange.HTTP_URI,
                Exchange.HTTP_RAW_QUERY);
        assertThat(exchange.getMessage().getBody()).isNull();
    }

    @Test
    void pageSizeIsBoundedByTheContract() {
        assertThatThrownBy(() -> new JoorRequests(1001, mapper)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JoorRequests(0, mapper)).isInstanceOf(IllegalArgumentException.class);
    }
}
