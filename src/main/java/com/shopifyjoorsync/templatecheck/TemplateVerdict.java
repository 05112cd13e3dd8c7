package com.shopifyjoorsync.templatecheck;

import java.util.ArrayList;
import java.util.List;

/**
 * What --validate-template tells the user: every problem (one line each), or that the file is clean,
 * and under which name it was sent when it was.
 *
 * @param sentAs the file name Data Services received, null when nothing was sent
 */
public record TemplateVerdict(String fileName, int customers, List<TemplateProblem> problems, String sentAs) {

    public TemplateVerdict {
        problems = List.copyOf(problems);
    }

    public boolean isClean() {
        return problems.isEmpty();
    }

    TemplateVerdict sent(String name) {
        return new TemplateVerdict(fileName, customers, problems, name);
    }

    /** The lines printed: one per problem, then the outcome. */
    public List<String> lines(boolean submitAsked) {
        List<String> lines = new ArrayList<>();
        problems.forEach(p -> lines.add(p.line()));
        if (!isClean()) {
            lines.add(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + fileName
                    + ": fix " + (problems.size() == 1 ? "it" : "them") + " in the spreadsheet, save it as CSV UTF-8 "
                    + "and run --validate-template again." + (submitAsked ? " Nothing was sent." : ""));
        } else if (sentAs != null) {
            lines.add(fileName + " is clean (" + count() + ") and was sent to JOOR Data Services as " + sentAs + ".");
        } else {
            lines.add(fileName + " is clean (" + count() + "). Add --submit to send it to JOOR Data Services.");
        }
        return lines;
    }

    private String count() {
        return customers + (customers == 1 ? " customer" : " customers");
    }
}
