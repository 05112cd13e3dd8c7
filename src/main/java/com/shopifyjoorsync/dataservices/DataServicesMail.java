package com.shopifyjoorsync.dataservices;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import com.shopifyjoorsync.app.ConfigurationException;
import com.shopifyjoorsync.linkreport.BusinessDays;
import com.shopifyjoorsync.linkreport.PendingSubmission;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.activation.MimetypesFileTypeMap;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.component.mail.MailConstants;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The template file as an e-mail to the person at JOOR (data-services.endpoint-uri=smtp(s)://...):
 * the file attached, a subject naming the shop, the number of new customers and the cycle, and a
 * short text listing the new customers by name and Customer Code (never their e-mail addresses or
 * phone numbers: those stay in the attachment), then the customers still waiting at Data Services
 * longer than link-report.pending-business-days, so that they are chased where the work is done.
 */
public final class DataServicesMail {
    /** Lines of customers the text lists; the attachment holds them all. */
    static final int LISTED = 200;
    private static final MimetypesFileTypeMap TYPES = new MimetypesFileTypeMap();

    static {
        TYPES.addMimeTypes("text/csv csv");
        TYPES.addMimeTypes("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet xlsx");
        TYPES.addMimeTypes("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet xlsx");
    }

    /** The customers pending at Data Services since before a time (oldest first, at most a limit), and how many. */
    public interface Pending {
        List<PendingSubmission> since(Instant before, int limit);

        int countSince(Instant before);
    }

    private final Settings settings;
    private final String shop;
    private final char delimiter;
    private final Pending pending;
    private final int reminderAfterBusinessDays;
    private final Clock clock;

    /**
     * @param shop                      the shop the customers come from, as the subject names it
     * @param reminderAfterBusinessDays link-report.pending-business-days
     * @param clock                     today and the zone business days are counted in
     */
    public DataServicesMail(Settings settings, String shop, char delimiter, Pending pending,
            int reminderAfterBusinessDays, Clock clock) {
        this.settings = settings;
        this.shop = shop;
        this.delimiter = delimiter;
        this.pending = pending;
        this.reminderAfterBusinessDays = reminderAfterBusinessDays;
        this.clock = clock;
    }

    /** Whether the template goes by e-mail: the endpoint is an SMTP server. */
    public boolean isEmail() {
        return settings.enabled();
    }

    /**
     * The message: the body (the template file) becomes its attachment, named as the file would be
     * (CamelFileName), and the body its text; sender, recipients and subject as headers camel-mail reads.
     */
    public void compose(Exchange exchange) throws InvalidPayloadException {
        File file = exchange.getMessage().getMandatoryBody(File.class);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, file.getName(), String.class);
        String cycleId = exchange.getProperty("cycleId", "manual", String.class);
        List<String> customers = new ArrayList<>();
        int count = newCustomers(file, customers);

        exchange.getMessage().setHeader(MailConstants.MAIL_FROM, settings.from());
        exchange.getMessage().setHeader(MailConstants.MAIL_TO, settings.to());
        if (settings.cc() != null) {
            exchange.getMessage().setHeader(MailConstants.MAIL_CC, settings.cc());
        }
        exchange.getMessage().setHeader(MailConstants.MAIL_SUBJECT, subject(count, cycleId));
        exchange.getMessage().setHeader(MailConstants.MAIL_CONTENT_TYPE, "text/plain; charset=UTF-8");
        exchange.getMessage().setBody(text(name, count, customers, overdue()));
        FileDataSource attachment = new FileDataSource(file);
        attachment.setFileTypeMap(TYPES);
        // the attachment carries the name Data Services sees, not the working file's
        exchange.getMessage(AttachmentMessage.class).addAttachment(name, new DataHandler(attachment) {
            @Override
            public String getName() {
                return name;
            }
        });
    }

    String subject(int customers, String cycleId) {
        return settings.subject().replace("{shop}", shop).replace("{customers}", Integer.toString(customers))
                .replace("{cycle}", cycleId);
    }

    /** Reads the file's rows: how many, and the first {@value #LISTED} as "Name, Customer Code 123". */
    int newCustomers(File file, List<String> listed) {
        int count = 0;
        try (CSVParser parser = CSVParser.parse(file.toPath(), StandardCharsets.UTF_8, TemplateFormat.writing(delimiter))) {
            int code = -1;
            int name = -1;
            for (CSVRecord row : parser) {
                if (code < 0) {
                    List<String> header = row.toList();
                    code = header.indexOf("Customer Code");
                    name = header.indexOf("Customer Name");
                    if (code < 0 || name < 0) {
                        throw new IllegalStateException(file + " has no Customer Code or Customer Name column");
                    }
                    continue;
                }
                count++;
                if (listed.size() < LISTED) {
                    listed.add(cell(row, name) + ", Customer Code " + cell(row, code));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    private static String cell(CSVRecord row, int column) {
        // one line per customer, whatever line breaks a name carries
        return column < row.size() ? row.get(column).replaceAll("\\s+", " ").strip() : "";
    }

    /** Overdue at Data Services today: waiting more than the setting's business days, oldest first. */
    Overdue overdue() {
        ZoneId zone = clock.getZone();
        LocalDate today = LocalDate.now(clock);
        LocalDate last = today;
        while (BusinessDays.between(last, today) <= reminderAfterBusinessDays) {
            last = last.minusDays(1);
        }
        // pending since before the day after the last overdue date
        Instant before = last.plusDays(1).atStartOfDay(zone).toInstant();
        List<String> lines = pending.since(before, LISTED).stream()
                .map(p -> "Customer Code " + p.customerId() + ": still waiting since "
                        + p.pendingSince().atZone(zone).toLocalDate() + " ("
                        + BusinessDays.between(p.pendingSince().atZone(zone).toLocalDate(), today) + " business days)")
                .toList();
        return new Overdue(lines.isEmpty() ? 0 : pending.countSince(before), lines);
    }

    record Overdue(int count, List<String> lines) {
    }

    private String text(String fileName, int count, List<String> customers, Overdue overdue) {
        StringBuilder text = new StringBuilder();
        text.append("Hello,\n\nattached is ").append(fileName).append(", JOOR's Customer Data Template with ")
                .append(count).append(count == 1 ? " new customer" : " new customers").append(" of ").append(shop)
                .append(". Please create ").append(count == 1 ? "it" : "them").append(" in JOOR:\n\n");
        customers.forEach(c -> text.append("  ").append(c).append('\n'));
        if (count > customers.size()) {
            text.append("  ... and ").append(count - customers.size()).append(" more in the attachment\n");
        }
        if (overdue.count() > 0) {
            text.append("\nReminder: ").append(overdue.count()).append(overdue.count() == 1 ? " customer" : " customers")
                    .append(" sent earlier ").append(overdue.count() == 1 ? "is" : "are")
                    .append(" not in JOOR yet after more than ").append(reminderAfterBusinessDays)
                    .append(" business days:\n\n");
            overdue.lines().forEach(l -> text.append("  ").append(l).append('\n'));
            if (overdue.count() > overdue.lines().size()) {
                text.append("  ... and ").append(overdue.count() - overdue.lines().size()).append(" more\n");
            }
        }
        text.append("\nSent by shopify-joor-sync.\n");
        return text.toString();
    }

    /**
     * data-services.mail.*: read and checked when the endpoint is an SMTP server (smtp:// or
     * smtps://), otherwise unused.
     *
     * @param username the SMTP login, null when the server takes mail without one
     * @param password the SMTP password (environment variable DATA_SERVICES_MAIL_PASSWORD)
     */
    public record Settings(boolean enabled, String from, String to, String cc, String subject, String username,
            String password) {
        public static final String DEFAULT_SUBJECT = "JOOR Customer Data Template: {customers} new customers of {shop}"
                + " (cycle {cycle})";

        /** Whether this endpoint URI is an e-mail server. */
        public static boolean isEmail(String endpointUri) {
            String scheme = endpointUri == null ? "" : endpointUri.substring(0, Math.max(0, endpointUri.indexOf(':')));
            return scheme.equalsIgnoreCase("smtp") || scheme.equalsIgnoreCase("smtps");
        }

        public static Settings read(Function<String, Optional<String>> lookup) {
            String uri = value(lookup, "data-services.endpoint-uri");
            String from = value(lookup, "data-services.mail.from");
            String to = value(lookup, "data-services.mail.to");
            String cc = value(lookup, "data-services.mail.cc");
            String subject = value(lookup, "data-services.mail.subject");
            String username = value(lookup, "data-services.mail.username");
            String password = value(lookup, "data-services.mail.password");
            if (!isEmail(uri)) {
                return new Settings(false, from, to, cc, subject, username, password);
            }
            List<String> problems = new ArrayList<>();
            String why = " (data-services.endpoint-uri is an e-mail server)";
            if (from == null) {
                problems.add("data-services.mail.from is not set: the sender address of the template e-mails" + why);
            } else {
                addresses("data-services.mail.from", from, problems);
            }
            if (to == null) {
                problems.add("data-services.mail.to is not set: the address(es) at JOOR the template goes to" + why);
            } else {
                addresses("data-services.mail.to", to, problems);
            }
            if (cc != null) {
                addresses("data-services.mail.cc", cc, problems);
            }
            if (username != null && password == null) {
                problems.add("data-services.mail.password is not set (environment variable DATA_SERVICES_MAIL_PASSWORD)"
                        + " for data-services.mail.username=" + username);
            } else if (username == null && password != null) {
                problems.add("data-services.mail.username is not set: the SMTP login the password"
                        + " (DATA_SERVICES_MAIL_PASSWORD) is for");
            }
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            return new Settings(true, from, to, cc, subject == null ? DEFAULT_SUBJECT : subject, username, password);
        }

        private static void addresses(String key, String value, List<String> problems) {
            try {
                InternetAddress[] parsed = InternetAddress.parse(value, true);
                if (parsed.length == 0) {
                    problems.add(key + "=" + value + " names no e-mail address");
                }
                for (InternetAddress a : parsed) {
                    a.validate();
                }
            } catch (AddressException e) {
                problems.add(key + "=" + value + " is not a comma-separated list of e-mail addresses: "
                        + e.getMessage().toLowerCase(Locale.ROOT));
            }
        }

        private static String value(Function<String, Optional<String>> lookup, String key) {
            return lookup.apply(key).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        }

        /** What toString() shows: never the password. */
        @Override
        public String toString() {
            return "DataServicesMail.Settings[from=" + from + ", to=" + to + ", cc=" + cc + "]";
        }
    }
}
