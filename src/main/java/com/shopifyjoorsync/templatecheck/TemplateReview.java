package com.shopifyjoorsync.templatecheck;

import java.io.File;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run of --validate-template: the file as read, its codes that could be Shopify customer ids, and
 * which of them Shopify answered as customer ids.
 */
public final class TemplateReview {
    private final String fileName;
    private final TemplateFile file;
    private volatile long[] possibleShopifyIds = {};
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

    /**
     * The file checked: what is sent, never the user's file read again (it may have changed meanwhile;
     * the command checks a private copy).
     */
    public File content() {
        return file.path().toFile();
    }

    /** The extension the file is sent under: what it is (a workbook or CSV), not what it was named. */
    public String extension() {
        return file.isWorkbook() ? "xlsx" : "csv";
    }

    /** For the route's filter: whether Shopify needs to be asked anything. */
    public boolean isReadable() {
        return file.readable();
    }

    /** @param ids sorted, each once */
    void possibleShopifyIds(long[] ids) {
        possibleShopifyIds = ids;
    }

    boolean possibleShopifyId(String id) {
        try {
            return Arrays.binarySearch(possibleShopifyIds, Long.parseLong(id)) >= 0;
        } catch (NumberFormatException notAnId) {
            return false;
        }
    }

    void shopifyId(String id) {
        shopifyIds.add(id);
    }

    Set<String> shopifyIds() {
        return Set.copyOf(shopifyIds);
    }
}
