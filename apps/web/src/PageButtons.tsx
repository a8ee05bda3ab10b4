/** "Trang trước" and "Trang sau" of a paged list; the next page is off once the page shown reaches the total. */
export function PageButtons({
  page,
  setPage,
  data,
}: {
  page: number;
  setPage: (page: number) => void;
  data: { total: number; pageSize: number } | null | undefined;
}) {
  return (
    <>
      <button type="button" disabled={page === 1} onClick={() => setPage(page - 1)}>
        Trang trước
      </button>
      <button type="button" disabled={!data || page * data.pageSize >= data.total} onClick={() => setPage(page + 1)}>
        Trang sau
      </button>
    </>
  );
}
