package com.shopifyjoorsync.app;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopifyjoorsync.dataservices.TemplateColumns;
import com.shopifyjoorsync.mapping.CustomerMapping;
import com.shopifyjoorsync.mapping.CustomerTags;
import com.shopifyjoorsync.mapping.MappingCheck;
import com.shopifyjoorsync.mapping.MappingDefaults;
import com.shopifyjoorsync.mapping.MappingFile;

import org.apache.camel.CamelContext;
import org.apache.camel.util.URISupport;

/**
 * The start-up checks that need Camel: an endpoint URI must resolve in this CamelContext (its
 * component on the classpath, every option known), the mapping file must compile and map a sample
 * customer right. Keeps the compiled mapping for the run.
 */
final class StartChecks implements SyncSettings.Checks {
    private final CamelContext context;
    private final ObjectMapper json;
    private final boolean reloadMapping;
    private MappingFile mapping;

    StartChecks(CamelContext context, ObjectMapper json, boolean reloadMapping) {
        this.context = context;
        this.json = json;
        this.reloadMapping = reloadMapping;
    }

    @Override
    public List<String> endpoint(String key, String uri) {
        String shown = URISupport.sanitizeUri(uri);
        String scheme = uri.substring(0, uri.indexOf(':'));
        try {
            if (context.getComponent(scheme) == null) {
                return List.of(key + "=" + shown + ": no Camel component '" + scheme + "' on the classpath "
                        + "(add the jar that provides it, e.g. camel-" + scheme + ")");
            }
            context.getEndpoint(uri);
            return List.of();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return List.of(key + "=" + shown + " is not a usable endpoint: "
                    + URISupport.sanitizeUri(String.valueOf(root.getMessage())));
        }
    }

    @Override
    public List<String> mapping(String key, String location, MappingDefaults defaults) {
        try {
            mapping = new MappingFile(location, reloadMapping);
        } catch (MappingFile.MappingFileException e) {
            return List.of(key + ": " + e.getMessage());
        }
        return MappingCheck.problems(new CustomerMapping(mapping, defaults, new CustomerTags(List.of("JOOR")), json), json,
                TemplateColumns.NAMES)
                .stream().map(p -> key + "=" + location + ": " + p).toList();
    }

    /** The mapping file checked by {@link #mapping}. */
    MappingFile mappingFile() {
        return mapping;
    }
}
