import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import type { LookupView } from "../../bindings/LookupView";
import { FILTER_THRESHOLD, LookupValuesPicker } from "./LookupValuesPicker";

const cities: LookupView = {
  name: "CITY",
  visibleName: "City",
  values: Array.from({ length: FILTER_THRESHOLD + 3 }, (_, i) => ({
    value: `C${i}`,
    longValue: i === 7 ? "Palm Springs" : `Town ${i}`,
    shortValue: "",
  })),
};

function Harness({ lookup }: { lookup: LookupView }) {
  const [values, setValues] = useState<string[]>([]);
  return (
    <>
      <LookupValuesPicker label="Rule 1 values" lookup={lookup} values={values} onChange={setValues} />
      <output>{values.join(",")}</output>
    </>
  );
}

describe("LookupValuesPicker", () => {
  it("keeps the lookup order whatever the click order", async () => {
    const user = userEvent.setup();
    render(<Harness lookup={{ ...cities, values: cities.values.slice(0, 3) }} />);
    expect(screen.queryByRole("searchbox")).not.toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: /Town 2/ }));
    await user.click(screen.getByRole("checkbox", { name: /Town 0/ }));
    expect(screen.getByRole("status")).toHaveTextContent("C0,C2");
    await user.click(screen.getByRole("checkbox", { name: /Town 2/ }));
    expect(screen.getByRole("status")).toHaveTextContent("C0");
  });

  it("filters long lookups by long value or code, keeping chosen values visible", async () => {
    const user = userEvent.setup();
    render(<Harness lookup={cities} />);
    await user.click(screen.getByRole("checkbox", { name: /Town 1 / }));
    await user.type(screen.getByRole("searchbox", { name: "Filter rule 1 values" }), "palm");
    expect(screen.getAllByRole("checkbox").map((box) => box.closest("label")?.textContent)).toEqual([
      "Town 1 C1",
      "Palm Springs C7",
    ]);
    await user.clear(screen.getByRole("searchbox"));
    await user.type(screen.getByRole("searchbox"), "zzz");
    expect(screen.getAllByRole("checkbox")).toHaveLength(1);
    await user.click(screen.getByRole("checkbox"));
    expect(screen.getByText("No value matches the filter.")).toBeInTheDocument();
  });
});
