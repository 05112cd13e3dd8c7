package com.shopifyjoorsync.templatecheck;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One run of --validate-template: the file as read, and which of its codes Shopify answered as customer ids. */
public final class TemplateReview {
    private final String fileName;
    private final TemplateFile file;
    private final Set<String> shopifyIds = ConcurrentHashMap.newKeySet();

    TemplateReview(String fileName, TemplateFile file) {
        this.fileName = fileName;
        this.file = file;
    }

    public String fileName() {
        return fileName;
    }

    public TemplateFile file() {
        return file;
    }

    /** The bytes checked: what is sent, never the file read again (it may have changed meanwhile). */
    public byte[] content() {
        return file.content();
    }

    /** For the route's filter: whether Shopify needs to be asked anything. */
    public boolean isReadable() {
        return file.readable();
    }

    void shopifyId(String id) {
        shopifyIds.add(id);
    }

    Set<String> shopifyIds() {
        return Set.copyOf(shopifyIds);
    }
}
