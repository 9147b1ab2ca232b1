import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FilePathField } from "./FilePathField";

function Field({ choose, onChosen }: { choose: () => Promise<string | null>; onChosen: (path: string) => void }) {
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <FilePathField
      id="f"
      testId="t"
      value={value}
      disabled={false}
      problem={problem}
      help="Where the file goes."
      onChange={(v) => {
        setValue(v);
        setProblem(null);
      }}
      choose={choose}
      onChosen={(path) => {
        setValue(path);
        onChosen(path);
      }}
      onProblem={setProblem}
    />
  );
}

describe("FilePathField", () => {
  it("takes a typed path and a picked one; a dismissed chooser changes nothing", async () => {
    const user = userEvent.setup();
    const picks = ["/home/ana/a.xlsx", null];
    const onChosen = vi.fn();
    render(<Field choose={() => Promise.resolve(picks.shift() ?? null)} onChosen={onChosen} />);
    const input = screen.getByRole("textbox", { name: "File" });
    expect(input).toHaveAccessibleDescription("Where the file goes.");
    await user.type(input, "/tmp/x.csv");
    expect(input).toHaveValue("/tmp/x.csv");
    await user.click(screen.getByRole("button", { name: "Choose…" }));
    await waitFor(() => { expect(input).toHaveValue("/home/ana/a.xlsx"); });
    expect(onChosen).toHaveBeenCalledWith("/home/ana/a.xlsx");
    await user.click(screen.getByRole("button", { name: "Choose…" }));
    await waitFor(() => { expect(picks).toHaveLength(0); });
    expect(input).toHaveValue("/home/ana/a.xlsx");
    expect(onChosen).toHaveBeenCalledTimes(1);
  });

  it("says when the chooser cannot open and describes the input with it", async () => {
    const user = userEvent.setup();
    render(<Field choose={() => Promise.reject(new Error("no portal"))} onChosen={() => {}} />);
    await user.click(screen.getByRole("button", { name: "Choose…" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The file chooser could not open (no portal); type the path instead.");
    const input = screen.getByRole("textbox", { name: "File" });
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription(/could not open/);
  });
});
