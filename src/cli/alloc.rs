//! The process's allocator.

/// mimalloc rather than the system allocator: the pipeline makes many small, short-lived
/// allocations per article (tokens, figures, findings), and on glibc their bookkeeping was a
/// tenth of all instructions of a run.
#[global_allocator]
static ALLOCATOR: Mimalloc = Mimalloc;

/// mimalloc's plain `malloc` for the alignments it always gives (16 bytes, which is every
/// allocation credence makes), its aligned entry points only beyond that: the aligned ones
/// look up the thread's heap and check the alignment on every call (about 2.5% of a batch
/// run's instructions).
struct Mimalloc;

/// The alignment every mimalloc block has.
const MIMALLOC_MIN_ALIGN: usize = 16;

/// A block of `layout` from `plain` (sized only) when mimalloc's own alignment is enough,
/// else from `aligned`.
#[inline(always)]
unsafe fn mimalloc_block(
    layout: std::alloc::Layout,
    plain: unsafe extern "C" fn(usize) -> *mut std::ffi::c_void,
    aligned: unsafe extern "C" fn(usize, usize) -> *mut std::ffi::c_void,
) -> *mut u8 {
    // SAFETY: plain C calls with a size (and an alignment); null reports failure.
    unsafe {
        if layout.align() <= MIMALLOC_MIN_ALIGN {
            plain(layout.size()).cast()
        } else {
            aligned(layout.size(), layout.align()).cast()
        }
    }
}

// SAFETY: every block comes from mimalloc and goes back to it; a block from `mi_malloc`,
// `mi_zalloc` or `mi_realloc` is aligned to 16 bytes, so those are used only when the layout
// asks for no more, and the aligned functions otherwise.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: see `mimalloc_block`.
        unsafe {
            mimalloc_block(
                layout,
                libmimalloc_sys::mi_malloc,
                libmimalloc_sys::mi_malloc_aligned,
            )
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: see `mimalloc_block`.
        unsafe {
            mimalloc_block(
                layout,
                libmimalloc_sys::mi_zalloc,
                libmimalloc_sys::mi_zalloc_aligned,
            )
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from one of the allocation functions above.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys as mi;
        // SAFETY: `ptr` came from this allocator with `layout`'s alignment, which the new
        // block keeps.
        unsafe {
            if layout.align() <= MIMALLOC_MIN_ALIGN {
                mi::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}
