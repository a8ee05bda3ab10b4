import { useEffect, useRef } from 'react';

/** A ref for a `<dialog>` shown as a modal while the component is mounted, and closed when it goes. */
export function useModalDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return ref;
}
