// The translation unit that builds a precompiled header target (cmake/localnotion.cmake).
