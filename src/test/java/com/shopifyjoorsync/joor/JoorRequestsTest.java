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

    private Exchange exchange() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
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
        Exchange exchange = exchange();
        List<ObjectNode> batch = List.of(connection("9007199254740993", "Shop A"), connection("42", "Shop \"B\""));
        exchange.getMessage().setBody(batch);

        requests.bulkConnection(exchange);

        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("{\"bulk_connections\":{\"connection\":["
                + "{\"customer_code\":\"9007199254740993\",\"customer_name\":\"Shop A\","
                + "\"billing\":{\"billing_addresses\":{\"billing_address\":[{\"city\":\"Paris\"}]}}},"
                + "{\"customer_code\":\"42\",\"customer_name\":\"Shop \\\"B\\\"\","
                + "\"billing\":{\"billing_addresses\":{\"billing_address\":[{\"city\":\"Paris\"}]}}}]}}");
        assertThat(exchange.getProperty(JoorRequests.BULK_BATCH_PROPERTY)).isEqualTo(batch);
    }

    @Test
    void bulkConnectionRefusesEmptyBatchesAndConnectionsWithoutCode() {
        Exchange exchange = exchange();
        exchange.getMessage().setBody(List.of());
        assertThatThrownBy(() -> requests.bulkConnection(exchange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-empty");

        exchange.getMessage().setBody(List.of(connection("1", "A"), mapper.createObjectNode().put("customer_name", "B")));
        assertThatThrownBy(() -> requests.bulkConnection(exchange)).hasMessageContaining("element 1 has no customer_code");
    }
}
