package com.shopifyjoorsync.templatecheck;

import java.util.ArrayList;
import java.util.List;

/**
 * What --validate-template tells the user: the problems (one line each, the first
 * {@value TemplateProblems#SHOWN}, then how many more), or that the file is clean, and under which
 * name it was sent when it was.
 *
 * @param problems the problems listed
 * @param total    every problem found, listed or not
 * @param sentAs   the file name Data Services received, null when nothing was sent
 * @param workbook whether the file is an Excel workbook (else CSV)
 */
public record TemplateVerdict(String fileName, int customers, List<TemplateProblem> problems, long total,
        String sentAs, boolean workbook) {

    public TemplateVerdict {
        problems = List.copyOf(problems);
    }

    public boolean isClean() {
        return total == 0;
    }

    TemplateVerdict sent(String name) {
        return new TemplateVerdict(fileName, customers, problems, total, name, workbook);
    }

    /** The lines printed: one per problem listed, how many more there are, then the outcome. */
    public List<String> lines(boolean submitAsked) {
        List<String> lines = new ArrayList<>();
        problems.forEach(p -> lines.add(p.line()));
        if (total > problems.size()) {
            long more = total - problems.size();
            lines.add("... and " + more + " more " + (more == 1 ? "problem" : "problems") + " (only the first "
                    + problems.size() + " are listed: fix these, then run --validate-template again to see the next)");
        }
        if (!isClean()) {
            lines.add(total + (total == 1 ? " problem" : " problems") + " in " + fileName
                    + ": fix " + (total == 1 ? "it" : "them") + " in the spreadsheet, save it"
                    + (workbook ? "" : " as CSV UTF-8") + " and run --validate-template again." + (submitAsked ? " Nothing was sent." : ""));
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
